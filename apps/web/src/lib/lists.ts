import { queryOptions } from "@tanstack/react-query";
import type { List, ListCollection } from "@todo/contract/list";
import type { TaskList } from "@todo/contract/list-query";
import type { ApiClient } from "./api-client";

// The user's lists are read by the sidebar and by the task forms (the list select, quick add's
// @List), two features that may not import each other: the query they share lives here.

/** Contract section 10: every list path is `/api/{user_id}/lists[/{id}]`. */
export function listsPath(userId: string, id?: number): string {
  const base = `/api/${encodeURIComponent(userId)}/lists`;
  return id === undefined ? base : `${base}/${id}`;
}

export const listKeys = {
  all: (userId: string) => ["lists", userId] as const,
};

export function listsOptions(client: ApiClient, userId: string) {
  return queryOptions({
    queryKey: listKeys.all(userId),
    queryFn: ({ signal }) => client.request<ListCollection>("GET", listsPath(userId), { signal }),
    select: (collection): List[] => collection.items,
  });
}

/** Contract section 11: the Inbox's open tasks are counted by the task list's `total`. */
function inboxCountPath(userId: string): string {
  return `/api/${encodeURIComponent(userId)}/tasks?list_id=inbox&status=pending&limit=1`;
}

/** The Inbox's open tasks, beside it as the lists' `task_count` are beside them. */
export function inboxCountOptions(client: ApiClient, userId: string) {
  return queryOptions({
    // Under the lists' key, so whatever refreshes the lists' counts refreshes this one too.
    queryKey: [...listKeys.all(userId), "inbox-count"] as const,
    // Only the total is kept: the page's HTML carries the server's cache (ADR 0039).
    queryFn: async ({ signal }) =>
      (await client.request<TaskList>("GET", inboxCountPath(userId), { signal })).total,
  });
}
