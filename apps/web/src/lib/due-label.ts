import { dateTimeFormats } from "@todo/contract/date-time-format";
import { isAllDay } from "@todo/contract/due-date";
import { DATE_STYLES, type DateStyle, formatEnUs, localDay } from "./en-us-dates";

// No React here: the labels are worked out from the date, the clock and a zone, and tested so.

const DAY_MS = 86_400_000;

const dayParts = dateTimeFormats({ year: "numeric", month: "2-digit", day: "2-digit" });
const formats: Partial<Record<DateStyle, ReturnType<typeof dateTimeFormats>>> = {};

/**
 * `moment` in `style`, in `locale` and `timeZone` (by default the runtime's: a browser's `Intl`
 * speaks its `navigator.language`, which Node before 21 lacks): en-US in the runtime's zone or UTC
 * without Intl, which a first render would otherwise pay ICU's start-up for (ADR 0056).
 */
function format(
  style: DateStyle,
  moment: Date,
  locale: string | undefined,
  timeZone: string | undefined,
): string {
  if (
    (timeZone === undefined || timeZone === "UTC") &&
    (locale ?? globalThis.navigator?.language) === "en-US"
  ) {
    return formatEnUs(moment, style, timeZone === "UTC");
  }
  formats[style] ??= dateTimeFormats(DATE_STYLES[style]);
  return formats[style](locale, timeZone).format(moment);
}

interface LabelOptions {
  /** The zone the reader lives in: "today" is their today. */
  timeZone?: string;
  now?: Date;
  locale?: string;
}

/** `YYYY-MM-DD` of `moment` in `timeZone` (in the runtime's own zone if it lacks that one). */
export function dayIn(timeZone: string | undefined, moment: Date): string {
  if (timeZone === undefined) return localDay(moment);
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = dayParts("en-US", timeZone).formatToParts(moment);
  } catch {
    return localDay(moment);
  }
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
      format("mediumDate", new Date(`${dueDate}T00:00:00Z`), locale, "UTC")
    : format("mediumDateTime", new Date(dueDate), locale, timeZone);
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
  else if (days < 7) text = format("weekday", moment, locale, zone);
  else {
    const sameYear = day.slice(0, 4) === today.slice(0, 4);
    text = format(sameYear ? "monthDay" : "monthDayYear", moment, locale, zone);
  }
  if (!allDay) text = `${text}, ${format("time", moment, locale, timeZone)}`;
  if (overdue) text = `${text} (overdue)`;
  return { text, phrase: `Due ${text}`, overdue };
}
