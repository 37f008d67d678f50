"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { ApiError, createApiClient, NetworkError, SessionExpiredError } from "@/lib/api-client";
import { ApiClientContext } from "@/lib/api-client-context";

/**
 * Retrying cannot fix a refusal (4xx) or a finished session; one quick retry covers a blip. An
 * unreachable server (down, restarting, no network) is retried until it answers, while the page
 * says so (the task list does, task-list.tsx) and keeps what it showed.
 */
function shouldRetry(failureCount: number, error: Error): boolean {
  if (error instanceof NetworkError) return true;
  if (error instanceof SessionExpiredError) return false;
  if (error instanceof ApiError && error.status < 500) return false;
  return failureCount < 1;
}

/** 1 s, 2 s, then every 4 s: a restarted server is noticed within seconds of being back. */
const retryDelay = (failureCount: number) => Math.min(1000 * 2 ** failureCount, 4000);

/**
 * A signed-in page's query cache and API client, kept out of the root layout so pages like
 * /sign-in do not ship them.
 */
export function ApiProviders({
  apiUrl,
  onSessionExpired,
  staleTime,
  children,
}: {
  /** The API's public origin, passed from the server so the client bundle holds no build-time URL. */
  apiUrl: string;
  /** Default: straight to sign-in (api-client.ts). */
  onSessionExpired?: () => void;
  staleTime?: number;
  children: ReactNode;
}) {
  const [queryClient] = useState(
    () =>
      new QueryClient({
        defaultOptions: { queries: { retry: shouldRetry, retryDelay, staleTime } },
      }),
  );
  const [apiClient] = useState(() => createApiClient({ apiUrl, onSessionExpired }));
  return (
    <QueryClientProvider client={queryClient}>
      <ApiClientContext value={apiClient}>{children}</ApiClientContext>
    </QueryClientProvider>
  );
}
