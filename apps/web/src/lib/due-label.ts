import { dateTimeFormats } from "@todo/contract/date-time-format";
import { isAllDay } from "@todo/contract/due-date";

// No React here: the labels are worked out from the date, the clock and a zone, and tested so.

const DAY_MS = 86_400_000;

const dayParts = dateTimeFormats({ year: "numeric", month: "2-digit", day: "2-digit" });
const mediumDate = dateTimeFormats({ dateStyle: "medium" });
const mediumDateTime = dateTimeFormats({ dateStyle: "medium", timeStyle: "short" });
const weekday = dateTimeFormats({ weekday: "long" });
const monthDay = dateTimeFormats({ month: "short", day: "numeric" });
const monthDayYear = dateTimeFormats({ month: "short", day: "numeric", year: "numeric" });
const time = dateTimeFormats({ timeStyle: "short" });

interface LabelOptions {
  /** The zone the reader lives in: "today" is their today. */
  timeZone?: string;
  now?: Date;
  locale?: string;
}

/** `YYYY-MM-DD` of `moment` in `timeZone` (in the runtime's own zone if it lacks that one). */
export function dayIn(timeZone: string | undefined, moment: Date): string {
  let format: Intl.DateTimeFormat;
  try {
    format = dayParts("en-US", timeZone);
  } catch {
    format = dayParts("en-US", undefined);
  }
  const parts = format.formatToParts(moment);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}-${part("day")}`;
}

/** Whole calendar days from `from` to `to`, both `YYYY-MM-DD`. */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** An all-day date as a date alone; a date-time in the reader's language and time zone. */
export function formatDueDate(dueDate: string, { timeZone, locale }: LabelOptions = {}): string {
  return isAllDay(dueDate)
    ? // A calendar date names no moment: it is the same date wherever the reader is.
      mediumDate(locale, "UTC").format(new Date(`${dueDate}T00:00:00Z`))
    : mediumDateTime(locale, timeZone).format(new Date(dueDate));
}

/**
 * Open and past due: a date-time once it has passed, an all-day date once its day is over in the
 * zone it was set in.
 */
export function isOverdue(
  task: { completed: boolean; due_date: string | null; time_zone: string },
  now = new Date(),
): boolean {
  if (task.completed || task.due_date === null) return false;
  return isAllDay(task.due_date)
    ? task.due_date < dayIn(task.time_zone, now)
    : Date.parse(task.due_date) < now.getTime();
}

export interface DueLabel {
  /** Read at a glance: "Today", "Tomorrow, 9:00 AM", "Friday", "3 days overdue", "Mar 1". */
  text: string;
  /**
   * As a task row reads it: "Due Friday", "Due Today, 9:00 AM (overdue)", but a count of days
   * late alone ("3 days overdue"), which says it was due already.
   */
  phrase: string;
  overdue: boolean;
}

/**
 * The due date as people say it, relative to today in the reader's zone: Today, Tomorrow, the
 * weekday within the coming week, the date further out, and how many days late once overdue.
 */
export function dueLabel(dueDate: string, options: LabelOptions = {}): DueLabel {
  const { timeZone, locale, now = new Date() } = options;
  const allDay = isAllDay(dueDate);
  const moment = allDay ? new Date(`${dueDate}T00:00:00Z`) : new Date(dueDate);
  const today = dayIn(timeZone, now);
  const day = allDay ? dueDate : dayIn(timeZone, moment);
  const days = daysBetween(today, day);
  const overdue = allDay ? days < 0 : moment.getTime() < now.getTime();

  if (days < 0) {
    const text = days === -1 ? "1 day overdue" : `${-days} days overdue`;
    return { text, phrase: text, overdue: true };
  }
  // All-day dates are formatted in UTC, where their midnight was put; moments in the reader's zone.
  const zone = allDay ? "UTC" : timeZone;
  let text: string;
  if (days === 0) text = "Today";
  else if (days === 1) text = "Tomorrow";
  else if (days < 7) text = weekday(locale, zone).format(moment);
  else {
    const sameYear = day.slice(0, 4) === today.slice(0, 4);
    text = (sameYear ? monthDay : monthDayYear)(locale, zone).format(moment);
  }
  if (!allDay) text = `${text}, ${time(locale, timeZone).format(moment)}`;
  if (overdue) text = `${text} (overdue)`;
  return { text, phrase: `Due ${text}`, overdue };
}
