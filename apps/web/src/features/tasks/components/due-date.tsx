"use client";

import { isAllDay } from "@todo/contract/due-date";
import type { Task } from "@todo/contract/task";
import { useHydrated } from "@/lib/use-hydrated";

const momentFormat = new Intl.DateTimeFormat(undefined, {
  dateStyle: "medium",
  timeStyle: "short",
});
// A calendar date names no moment: it is shown as the same date wherever the browser is.
const dayFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeZone: "UTC" });

/** An all-day date as a date alone; a date-time in the browser's language and time zone. */
export function formatDueDate(dueDate: string): string {
  return isAllDay(dueDate)
    ? dayFormat.format(new Date(`${dueDate}T00:00:00Z`))
    : momentFormat.format(new Date(dueDate));
}

/** `YYYY-MM-DD` of `now` in `timeZone` (in the browser's own if this browser lacks that one). */
function dayIn(timeZone: string, now: Date): string {
  const options = { year: "numeric", month: "2-digit", day: "2-digit" } as const;
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat("en-US", { ...options, timeZone });
  } catch {
    format = new Intl.DateTimeFormat("en-US", options);
  }
  const parts = format.formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}-${part("day")}`;
}

/** Open and past due: a date-time once it has passed, an all-day date once its day is over. */
export function isOverdue(task: Task, now = new Date()): boolean {
  if (task.completed || task.due_date === null) return false;
  return isAllDay(task.due_date)
    ? task.due_date < dayIn(task.time_zone, now)
    : Date.parse(task.due_date) < now.getTime();
}

/**
 * In the browser's language (and time zone), which the server does not know: the HTML it renders
 * leaves the text out, and hydration fills it in (re-rendering only this).
 */
export function DueDate({ dueDate }: { dueDate: string }) {
  const hydrated = useHydrated();
  return <time dateTime={dueDate}>{hydrated ? formatDueDate(dueDate) : null}</time>;
}
