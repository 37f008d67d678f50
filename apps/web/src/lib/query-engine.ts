import {
  hydrate,
  InfiniteQueryObserver,
  MutationObserver,
  notifyManager,
  QueryClient,
  QueryObserver,
} from "@tanstack/react-query";
import { ApiError, NetworkError, SessionExpiredError } from "./api-client";

// TanStack Query, as a signed-in page uses it. /tasks loads this module after its first load
// and renders from the server's data until then (deferred-queries.tsx, ADR 0051).

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

/** A page's query cache, with the parts of TanStack Query that the deferred hooks drive. */
export function startQueryEngine({ staleTime }: { staleTime?: number }) {
  return {
    client: new QueryClient({
      defaultOptions: { queries: { retry: shouldRetry, retryDelay, staleTime } },
    }),
    hydrate,
    QueryObserver,
    InfiniteQueryObserver,
    MutationObserver,
    notifyManager,
  };
}

export type QueryEngine = ReturnType<typeof startQueryEngine>;
