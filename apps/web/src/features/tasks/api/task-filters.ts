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
  // Set by the view (view-filters.ts), never read from or written to the search params.
  list_id?: string;
  due_before?: string;
  due_after?: string;
}

// Keyed by the contract's types, so a value added there fails to compile here until it has a
// label. The URL is checked against these keys rather than the contract's zod schema, which
// would put zod into the page's first load; the API validates again anyway.
export const STATUS_LABELS: Record<TaskStatus, string> = {
  all: "All",
  pending: "Active",
  completed: "Completed",
};
export const PRIORITY_LABELS: Record<Priority, string> = {
  low: "Low",
  medium: "Medium",
  high: "High",
};
export const SORT_LABELS: Record<TaskSort, string> = {
  created_at: "Created",
  updated_at: "Updated",
  due_date: "Due date",
  priority: "Priority",
  title: "Title",
  completed_at: "Completion date",
};
export const ORDER_LABELS: Record<SortOrder, string> = {
  desc: "Descending",
  asc: "Ascending",
};

/**
 * The direction each key reads naturally in: newest (or latest completed) first, due soonest first, most important
 * first, A to Z. The list follows it unless the user picks a direction.
 */
export const NATURAL_ORDER: Record<TaskSort, SortOrder> = {
  created_at: "desc",
  updated_at: "desc",
  due_date: "asc",
  priority: "desc",
  title: "asc",
  completed_at: "desc",
};

/** The API's defaults; kept out of the URL so plain /tasks is the canonical address. */
export const DEFAULT_FILTERS: TaskFilters = { status: "all", sort: "created_at", order: "desc" };

/**
 * The URL parameters for `filters`: defaults left out, and the direction too when it is the
 * sort key's natural one, so that changing the key changes the direction with it.
 */
export function filtersToParams(filters: Partial<TaskFilters>): URLSearchParams {
  const params = new URLSearchParams();
  const sort = filters.sort ?? DEFAULT_FILTERS.sort;
  for (const [key, value] of Object.entries(filters)) {
    if (!value) continue;
    if (
      key === "order"
        ? value === NATURAL_ORDER[sort]
        : value === DEFAULT_FILTERS[key as keyof TaskFilters]
    )
      continue;
    params.set(key, value);
  }
  return params;
}

function oneOf<Key extends string>(labels: Record<Key, string>, value: string | null) {
  return value !== null && Object.hasOwn(labels, value) ? (value as Key) : undefined;
}

/** An unknown value (an old bookmark, a typo) falls back to its default; the rest are kept. */
export function parseFilters(params: URLSearchParams): TaskFilters {
  const sort = oneOf(SORT_LABELS, params.get("sort")) ?? DEFAULT_FILTERS.sort;
  return {
    status: oneOf(STATUS_LABELS, params.get("status")) ?? DEFAULT_FILTERS.status,
    priority: oneOf(PRIORITY_LABELS, params.get("priority")),
    tag: params.get("tag")?.trim() || undefined,
    q: params.get("q")?.trim() || undefined,
    sort,
    order: oneOf(ORDER_LABELS, params.get("order")) ?? NATURAL_ORDER[sort],
  };
}
