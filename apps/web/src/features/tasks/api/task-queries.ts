import { infiniteQueryOptions, queryOptions } from "@tanstack/react-query";
import type { TaskList } from "@todo/contract/list-query";
import type { ApiClient } from "@/lib/api-client";
import type { TaskFilters } from "./task-filters";
import { taskKeys } from "./task-keys";
import { tasksPath } from "./tasks-path";

// The list's queries without React, so the server can prefetch exactly what the page asks for.

const PAGE_SIZE = 20;

interface ListRequest {
  filters: TaskFilters;
  limit: number;
  cursor?: string;
  signal?: AbortSignal;
}

function listTasks(
  client: ApiClient,
  userId: string,
  { filters, limit, cursor, signal }: ListRequest,
): Promise<TaskList> {
  const params = new URLSearchParams({ limit: String(limit) });
  for (const [key, value] of Object.entries({ ...filters, cursor })) {
    // The API answers 422 to an empty value, so unset filters are left out entirely.
    if (value) params.set(key, value);
  }
  return client.request<TaskList>("GET", `${tasksPath(userId)}?${params}`, { signal });
}

/** The visible list, one page per "load more". */
export function taskListOptions(client: ApiClient, userId: string, filters: TaskFilters) {
  return infiniteQueryOptions({
    queryKey: taskKeys.list(userId, filters),
    queryFn: ({ pageParam, signal }) =>
      listTasks(client, userId, { filters, limit: PAGE_SIZE, cursor: pageParam, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.next_cursor ?? undefined,
  });
}

/**
 * A tab's count: one task is the smallest page, and `total` is all that is read, so all that is
 * cached (the page's HTML carries the server's cache, ADR 0039).
 */
export function taskCountOptions(client: ApiClient, userId: string, filters: TaskFilters) {
  return queryOptions({
    queryKey: taskKeys.count(userId, filters),
    queryFn: async ({ signal }) =>
      (await listTasks(client, userId, { filters, limit: 1, signal })).total,
  });
}
