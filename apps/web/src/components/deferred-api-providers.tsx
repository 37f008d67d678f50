"use client";

import type { DehydratedState } from "@tanstack/react-query";
import { type ReactNode, startTransition, useEffect, useState } from "react";
import { afterCommit } from "@/lib/after-commit";
import { createApiClient } from "@/lib/api-client";
import { ApiClientContext } from "@/lib/api-client-context";
import { QueryEngineProvider } from "@/lib/deferred-queries";
import type { QueryEngine } from "@/lib/query-engine";

/**
 * ApiProviders for a page that renders from the server's data first: TanStack Query loads after
 * the page's first load (ADR 0051), and the hooks of deferred-queries.tsx read `initialState`
 * until it is in.
 */
export function DeferredApiProviders({
  apiUrl,
  onSessionExpired,
  staleTime,
  initialState,
  children,
}: {
  /** The API's public origin, passed from the server so the client bundle holds no build-time URL. */
  apiUrl: string;
  onSessionExpired: () => void;
  staleTime: number;
  /** What the server fetched for this URL. */
  initialState: DehydratedState;
  children: ReactNode;
}) {
  const [apiClient] = useState(() => createApiClient({ apiUrl, onSessionExpired }));
  const [engine, setEngine] = useState<QueryEngine | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  // To the error boundary, which reloads a page whose build was replaced meanwhile (ADR 0050).
  if (loadError) throw loadError;
  useEffect(() => {
    let mounted = true;
    const cancel = afterCommit(() => {
      import("@/lib/query-engine").then(
        // A transition: the board's re-render with the engine yields to the browser as it goes.
        ({ startQueryEngine }) => {
          if (mounted) startTransition(() => setEngine(startQueryEngine({ staleTime })));
        },
        (error: unknown) => mounted && setLoadError(error),
      );
    });
    return () => {
      mounted = false;
      cancel();
    };
  }, [staleTime]);
  return (
    <QueryEngineProvider engine={engine} initialState={initialState}>
      <ApiClientContext value={apiClient}>{children}</ApiClientContext>
    </QueryEngineProvider>
  );
}
