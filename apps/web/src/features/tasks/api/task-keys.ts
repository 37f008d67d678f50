import type { TaskFilters } from "./task-filters";

/** Every key starts with the owner, so one invalidation refreshes all of a user's task queries. */
export const taskKeys = {
  all: (userId: string) => ["tasks", userId] as const,
  lists: (userId: string) => ["tasks", userId, "list"] as const,
  list: (userId: string, filters: TaskFilters) => ["tasks", userId, "list", filters] as const,
  count: (userId: string, filters: TaskFilters) => ["tasks", userId, "count", filters] as const,
  detail: (userId: string, id: number) => ["tasks", userId, "detail", id] as const,
};
