import { isAllDay } from "@todo/contract/due-date";
import type { Task } from "@todo/contract/task";
import { dayIn, dueLabel } from "@/lib/due-label";

export interface DayGroup {
  /** `YYYY-MM-DD` in the reader's zone. */
  day: string;
  /** "Today", "Tomorrow", a weekday or a date, as the due labels say it. */
  label: string;
  tasks: Task[];
}

/**
 * Tasks sorted by due date, grouped by their day in the reader's zone, all-day tasks first in
 * each day (they have no time to be placed by). Tasks without a due date are left out.
 */
export function groupByDay(
  tasks: readonly Task[],
  { timeZone, now = new Date() }: { timeZone?: string; now?: Date } = {},
): DayGroup[] {
  const groups = new Map<string, Task[]>();
  for (const task of tasks) {
    if (!task.due_date) continue;
    const day = isAllDay(task.due_date) ? task.due_date : dayIn(timeZone, new Date(task.due_date));
    groups.set(day, [...(groups.get(day) ?? []), task]);
  }
  return [...groups.entries()].map(([day, dayTasks]) => ({
    day,
    label: dueLabel(day, { timeZone, now }).text,
    tasks: [
      ...dayTasks.filter((task) => task.due_date && isAllDay(task.due_date)),
      ...dayTasks.filter((task) => task.due_date && !isAllDay(task.due_date)),
    ],
  }));
}
