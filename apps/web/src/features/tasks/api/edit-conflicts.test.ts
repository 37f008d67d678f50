import type { Task } from "@todo/contract/task";
import { describe, expect, it } from "vitest";
import { conflictingFields } from "./edit-conflicts";

const seen: Task = {
  id: 7,
  user_id: "u1",
  title: "Pay rent",
  description: null,
  completed: false,
  priority: "medium",
  due_date: "2026-12-24",
  time_zone: "UTC",
  tags: ["home"],
  list_id: null,
  recurrence: null,
  recurrence_from: "due",
  reminders: [],
  completed_at: null,
  created_at: "2026-11-24T10:00:00.000Z",
  updated_at: "2026-11-24T10:00:00.000Z",
};

describe("conflictingFields", () => {
  it("lets changes to other fields than those changed elsewhere go on top", () => {
    const current = { ...seen, priority: "high" as const, description: "From the other tab" };
    expect(conflictingFields(seen, current, { title: "Pay the rent" })).toEqual([]);
  });

  it("names only the fields changed on both sides to different values", () => {
    const current = { ...seen, title: "Pay rent today", tags: ["home", "money"] };
    expect(conflictingFields(seen, current, { title: "Pay the rent", priority: "low" })).toEqual([
      "title",
    ]);
  });

  it("is no conflict when both sides made the same change", () => {
    const current = { ...seen, tags: ["home", "money"], due_date: null };
    expect(conflictingFields(seen, current, { tags: ["home", "money"], due_date: null })).toEqual(
      [],
    );
  });
});
