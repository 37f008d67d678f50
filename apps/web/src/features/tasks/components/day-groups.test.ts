import type { Task } from "@todo/contract/task";
import { describe, expect, it } from "vitest";
import { groupByDay } from "./day-groups";

const task = (id: number, due_date: string | null): Task => ({
  id,
  user_id: "u1",
  title: `Task ${id}`,
  description: null,
  completed: false,
  priority: "medium",
  due_date,
  time_zone: "Europe/Paris",
  tags: [],
  list_id: null,
  recurrence: null,
  recurrence_from: "due",
  reminders: [],
  completed_at: null,
  created_at: "2026-12-01T10:00:00.000Z",
  updated_at: "2026-12-01T10:00:00.000Z",
});

describe("groupByDay", () => {
  const now = new Date("2026-12-02T09:00:00Z");

  it("groups by the day in the reader's zone with all-day tasks first", () => {
    const tasks = [
      task(1, "2026-12-02T08:00:00.000Z"),
      task(2, "2026-12-02"),
      // 23:30 UTC on the 2nd is already the 3rd in Paris.
      task(3, "2026-12-02T23:30:00.000Z"),
      task(4, "2026-12-03"),
    ];
    const groups = groupByDay(tasks, { timeZone: "Europe/Paris", now });
    expect(groups.map(({ day, label, tasks }) => [day, label, tasks.map(({ id }) => id)])).toEqual([
      ["2026-12-02", "Today", [2, 1]],
      ["2026-12-03", "Tomorrow", [4, 3]],
    ]);
  });

  it("leaves out tasks without a due date", () => {
    expect(groupByDay([task(1, null)], { timeZone: "UTC", now })).toEqual([]);
  });
});
