"use client";

import { type ReactNode, useState } from "react";
import { createApiClient } from "@/lib/api-client";
import { ApiClientContext } from "@/lib/api-client-context";
import { QueryEngineProvider } from "@/lib/deferred-queries";
import { startQueryEngine } from "@/lib/query-engine";

interface ApiProvidersProps {
  /** The API's public origin, passed from the server so the client bundle holds no build-time URL. */
  apiUrl: string;
  /** Default: straight to sign-in (api-client.ts). */
  onSessionExpired?: () => void;
  staleTime?: number;
  children: ReactNode;
}

/**
 * A signed-in page's query cache and API client, kept out of the root layout so pages like
 * /sign-in do not ship them.
 */
export function ApiProviders({ apiUrl, onSessionExpired, staleTime, children }: ApiProvidersProps) {
  const [engine] = useState(() => startQueryEngine({ staleTime }));
  const [apiClient] = useState(() => createApiClient({ apiUrl, onSessionExpired }));
  return (
    <QueryEngineProvider engine={engine}>
      <ApiClientContext value={apiClient}>{children}</ApiClientContext>
    </QueryEngineProvider>
  );
}
