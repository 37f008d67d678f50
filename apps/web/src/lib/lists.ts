import { queryOptions } from "@tanstack/react-query";
import type { List, ListCollection } from "@todo/contract/list";
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
