import "server-only";
import { type DehydratedState, dehydrate, QueryClient } from "@tanstack/react-query";
import type { TaskStatus } from "@todo/contract/list-query";
import { createApiClient } from "@/lib/api-client";
import { getAuth } from "@/lib/auth";
import { getEnv } from "@/lib/env";
import { inboxCountOptions, listsOptions } from "@/lib/lists";
import { log } from "@/lib/log";
import { STATUS_LABELS, type TaskFilters } from "./task-filters";
import { taskCountOptions, taskListOptions } from "./task-queries";

/** Past this the page renders without the list, and the browser loads it as it would anyway. */
const PREFETCH_TIMEOUT_MS = 1500;

/**
 * The user's lists and the Inbox's count, and the first page of the tasks with the other tabs' counts unless `filters`
 * is null (a view the browser must ask for itself), fetched while the page renders, so the
 * HTML already shows them. A query that fails is left out: the browser then asks again and shows
 * the error (with its retry) as on any later request.
 */
export async function prefetchTasks(
  userId: string,
  filters: TaskFilters | null,
  requestHeaders: Headers,
): Promise<DehydratedState> {
  const client = createApiClient({
    apiUrl: getEnv().API_URL,
    // The same endpoint the browser asks, called in-process with the request's session cookie.
    fetchToken: async () => (await getAuth().api.getToken({ headers: requestHeaders })).token,
    timeoutMs: PREFETCH_TIMEOUT_MS,
  });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const otherStatuses = (Object.keys(STATUS_LABELS) as TaskStatus[]).filter(
    (status) => status !== filters?.status,
  );
  await Promise.all([
    queryClient.prefetchQuery(listsOptions(client, userId)),
    queryClient.prefetchQuery(inboxCountOptions(client, userId)),
    ...(filters
      ? [
          queryClient.prefetchInfiniteQuery(taskListOptions(client, userId, filters)),
          ...otherStatuses.map((status) =>
            queryClient.prefetchQuery(taskCountOptions(client, userId, { ...filters, status })),
          ),
        ]
      : []),
  ]);
  const error = queryClient
    .getQueryCache()
    .getAll()
    .find((query) => query.state.error)?.state.error;
  // Not fatal, as the browser asks again, but an API this server cannot reach is worth a line.
  if (error) log("warn", `tasks prefetch failed: ${error.message}`);
  return dehydrate(queryClient);
}
