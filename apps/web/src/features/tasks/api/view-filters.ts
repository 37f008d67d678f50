import type { TaskView } from "@/lib/task-views";
import type { TaskFilters } from "./task-filters";

/** Upcoming covers today and the 13 days after it. */
export const UPCOMING_DAYS = 14;

/** Midnight `days` days after today's, in the browser's zone (the user's "today"). */
function startOfDay(now: Date, days: number): string {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate() + days).toISOString();
}

/** Views that fix the status themselves, so the status tabs do not apply in them. */
export function viewFixesStatus(view: TaskView): boolean {
  return view.kind === "today" || view.kind === "upcoming" || view.kind === "completed";
}

/**
 * What a view asks the API for on top of the URL's search, filters and sort. `sortChosen` is
 * whether the URL names a sort: otherwise each view sorts the way it is read (Today and Upcoming
 * by due date, Completed by when each task was completed, latest first).
 */
export function viewFilters(
  view: TaskView,
  filters: TaskFilters,
  { now, sortChosen }: { now: Date; sortChosen: boolean },
): TaskFilters {
  const bySoonest = sortChosen ? {} : ({ sort: "due_date", order: "asc" } as const);
  switch (view.kind) {
    case "all":
      return filters;
    case "inbox":
      return { ...filters, list_id: "inbox" };
    case "list":
      return { ...filters, list_id: String(view.listId) };
    case "today":
      return { ...filters, ...bySoonest, status: "pending", due_before: startOfDay(now, 1) };
    case "upcoming":
      // Always by due date: the view is grouped by day.
      return {
        ...filters,
        status: "pending",
        sort: "due_date",
        order: "asc",
        due_after: startOfDay(now, 0),
        due_before: startOfDay(now, UPCOMING_DAYS),
      };
    case "completed":
      return {
        ...filters,
        ...(sortChosen ? {} : { sort: "completed_at", order: "desc" }),
        status: "completed",
      };
  }
}
