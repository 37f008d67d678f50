import type { SortOrder, TaskSort, TaskStatus } from "@todo/contract/list-query";
import type { Priority } from "@todo/contract/task";

/** What the list shows; mirrors the URL search params and the API's list query. */
export interface TaskFilters {
  status: TaskStatus;
  priority?: Priority;
  tag?: string;
  q?: string;
  sort: TaskSort;
  order: SortOrder;
}

/** Every key starts with the owner, so one invalidation refreshes all of a user's task queries. */
export const taskKeys = {
  all: (userId: string) => ["tasks", userId] as const,
  lists: (userId: string) => ["tasks", userId, "list"] as const,
  list: (userId: string, filters: TaskFilters) => ["tasks", userId, "list", filters] as const,
  count: (userId: string, filters: TaskFilters) => ["tasks", userId, "count", filters] as const,
};
