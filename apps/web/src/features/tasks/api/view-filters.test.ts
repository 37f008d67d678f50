import { describe, expect, it } from "vitest";
import { DEFAULT_FILTERS } from "./task-filters";
import { viewFilters } from "./view-filters";

// 15:30 local time: the bounds are local midnights, whatever zone the tests run in.
const now = new Date(2026, 11, 2, 15, 30);
const midnight = (day: number) => new Date(2026, 11, day).toISOString();

describe("viewFilters", () => {
  it("asks for the tasks in no list in the Inbox and one list's tasks in a list view", () => {
    const options = { now, sortChosen: false };
    expect(viewFilters({ kind: "inbox" }, DEFAULT_FILTERS, options).list_id).toBe("inbox");
    expect(viewFilters({ kind: "list", listId: 7 }, DEFAULT_FILTERS, options).list_id).toBe("7");
    expect(viewFilters({ kind: "all" }, DEFAULT_FILTERS, options)).toEqual(DEFAULT_FILTERS);
  });

  it("shows in Today the open tasks due before tomorrow, overdue ones included", () => {
    const today = viewFilters({ kind: "today" }, DEFAULT_FILTERS, { now, sortChosen: false });
    expect(today).toMatchObject({ status: "pending", sort: "due_date", order: "asc" });
    expect(today.due_before).toBe(midnight(3));
    expect(today.due_after).toBeUndefined();
  });

  it("shows in Upcoming the 14 days from today, by due date whatever the URL's sort", () => {
    const filters = {
      ...DEFAULT_FILTERS,
      q: "rent",
      sort: "title" as const,
      order: "desc" as const,
    };
    const upcoming = viewFilters({ kind: "upcoming" }, filters, { now, sortChosen: true });
    expect(upcoming).toMatchObject({
      q: "rent",
      status: "pending",
      sort: "due_date",
      order: "asc",
    });
    expect(upcoming.due_after).toBe(midnight(2));
    expect(upcoming.due_before).toBe(midnight(16));
  });

  it("keeps a sort the user chose in Today and Completed", () => {
    const filters = { ...DEFAULT_FILTERS, sort: "title" as const, order: "asc" as const };
    const options = { now, sortChosen: true };
    expect(viewFilters({ kind: "today" }, filters, options).sort).toBe("title");
    expect(viewFilters({ kind: "completed" }, filters, options)).toMatchObject({
      status: "completed",
      sort: "title",
    });
    expect(
      viewFilters({ kind: "completed" }, DEFAULT_FILTERS, { now, sortChosen: false }),
    ).toMatchObject({ status: "completed", sort: "completed_at", order: "desc" });
  });
});
