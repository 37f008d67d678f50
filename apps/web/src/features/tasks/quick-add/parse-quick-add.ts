import { REMINDER_BEFORE_MAX, REMINDERS_MAX } from "@todo/contract/limits";
import type { Priority } from "@todo/contract/task";
import { casual as chrono, type ParsedResult } from "chrono-node/en";
import { findRecurrence } from "./recurrence-phrases";

// Quick add: "Pay rent tomorrow 9am every month #home !high @Bills remind 1h" read into a task.
// Loaded on demand (chrono is the largest part); the form shows its result as the user types.

export type QuickAddPartKind = "date" | "recurrence" | "tag" | "priority" | "list" | "reminder";

/** A recognised run of the typed text, for highlighting it. */
export interface QuickAddPart {
  kind: QuickAddPartKind;
  start: number;
  end: number;
}

export interface QuickAddList {
  id: number;
  name: string;
}

export interface QuickAdd {
  title: string;
  /** `YYYY-MM-DD` in the reader's calendar, or empty. */
  dueDate: string;
  /** `HH:mm` of the reader's clock; empty for an all-day date. */
  dueTime: string;
  /** An RRULE value in the supported subset (docs/api.md, Recurring tasks), or null. */
  recurrence: string | null;
  tags: string[];
  priority: Priority | null;
  /** The `@name` typed, resolved to one of the user's lists when one has that name. */
  list: { name: string; id: number | null } | null;
  /** Minutes before the due date, distinct, at most five. */
  reminders: number[];
  parts: QuickAddPart[];
}

const PRIORITY_WORDS: Record<string, Priority> = {
  high: "high",
  h: "high",
  "1": "high",
  medium: "medium",
  med: "medium",
  m: "medium",
  "2": "medium",
  low: "low",
  l: "low",
  "3": "low",
};
const UNIT_MINUTES: Record<string, number> = {
  m: 1,
  min: 1,
  mins: 1,
  minute: 1,
  minutes: 1,
  h: 60,
  hr: 60,
  hrs: 60,
  hour: 60,
  hours: 60,
  d: 1440,
  day: 1440,
  days: 1440,
  w: 10_080,
  wk: 10_080,
  week: 10_080,
  weeks: 10_080,
};
// Longest unit first, so that "minutes" is not read as "m" followed by "inutes".
const UNITS = Object.keys(UNIT_MINUTES).sort((a, b) => b.length - a.length);
const DURATION = `(?:(\\d{1,5})\\s*(${UNITS.join("|")})\\b|(at\\s+(?:the\\s+)?time|on\\s+time))(?:\\s+before)?`;
// Words that only tie a date to the title ("on Friday", "by 5pm"): they go with the date.
const DATE_LEAD = /(?:^|\s)(?:on|at|by|due)\s*$/i;

/**
 * Escaped characters (`\#`) hide from every pattern: each is replaced, with its backslash, by
 * characters that match nothing, so positions stay the same in both strings.
 */
function maskEscapes(text: string): string {
  return text.replace(/\\[\s\S]/g, "\uE000\uE000");
}

function pad(value: number): string {
  return String(value).padStart(2, "0");
}

function localDate(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Replaces `start..end` of the masked text with blanks so later patterns skip it. */
function consume(masked: string, start: number, end: number): string {
  return masked.slice(0, start) + " ".repeat(end - start) + masked.slice(end);
}

function findReminders(masked: string): { minutes: number[]; start: number; end: number }[] {
  const found: { minutes: number[]; start: number; end: number }[] = [];
  const pattern = new RegExp(
    `(?<=^|\\s)remind(?:\\s+me)?\\s+${DURATION}(?:\\s*(?:,|and)\\s*${DURATION})*`,
    "gi",
  );
  for (const match of masked.matchAll(pattern)) {
    const minutes = [...match[0].matchAll(new RegExp(DURATION, "gi"))].map((duration) =>
      duration[3] ? 0 : Number(duration[1]) * (UNIT_MINUTES[duration[2]?.toLowerCase() ?? ""] ?? 0),
    );
    if (minutes.some((value) => value > REMINDER_BEFORE_MAX)) continue;
    found.push({ minutes, start: match.index, end: match.index + match[0].length });
  }
  return found;
}

/** UNTIL in the form RFC 5545 pairs with the due date: a date, or the day's last moment in UTC. */
function untilValue(until: ParsedResult, allDay: boolean): string {
  const date = until.start.date();
  if (allDay) return localDate(date).replaceAll("-", "");
  const endOfDay = new Date(date.getFullYear(), date.getMonth(), date.getDate(), 23, 59, 59);
  return `${endOfDay.toISOString().slice(0, 19).replace(/[-:]/g, "")}Z`;
}

/** The first day on or after `today` that `rule` names, when the text gave no date. */
function firstOccurrence(rule: string, today: Date): Date {
  const day = new Date(today.getFullYear(), today.getMonth(), today.getDate());
  const codes = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"];
  const byDay = /BYDAY=([^;]+)/.exec(rule)?.[1];
  const byMonthDay = Number(/BYMONTHDAY=(\d+)/.exec(rule)?.[1] ?? 0);
  const byMonth = Number(/BYMONTH=(\d+)/.exec(rule)?.[1] ?? 0);
  // A year ahead covers every rule in the subset (29 February aside, which waits for its year).
  for (let n = 0; n < 366 * 4; n++) {
    const candidate = new Date(day.getFullYear(), day.getMonth(), day.getDate() + n);
    const weekday = codes[candidate.getDay()] ?? "";
    if (byMonth && candidate.getMonth() + 1 !== byMonth) continue;
    if (byMonthDay && candidate.getDate() !== byMonthDay) continue;
    if (byDay) {
      const ordinal = /^(-?\d)(\w\w)$/.exec(byDay);
      if (ordinal) {
        if (ordinal[2] !== weekday) continue;
        const nth = Number(ordinal[1]);
        const date = candidate.getDate();
        const lastDay = new Date(candidate.getFullYear(), candidate.getMonth() + 1, 0).getDate();
        if (nth > 0 ? Math.ceil(date / 7) !== nth : date + 7 <= lastDay) continue;
      } else if (!byDay.split(",").includes(weekday)) continue;
    }
    return candidate;
  }
  return day;
}

/**
 * Reads `text` as of `now` (in the runtime's own time zone, the user's in a browser). `lists`
 * are the user's lists; an `@name` that matches none is kept as typed and resolved to nothing.
 */
export function parseQuickAdd(
  text: string,
  { now = new Date(), lists = [] }: { now?: Date; lists?: readonly QuickAddList[] } = {},
): QuickAdd {
  let masked = maskEscapes(text);
  const parts: QuickAddPart[] = [];
  const result: QuickAdd = {
    title: "",
    dueDate: "",
    dueTime: "",
    recurrence: null,
    tags: [],
    priority: null,
    list: null,
    reminders: [],
    parts,
  };
  const take = (kind: QuickAddPartKind, start: number, end: number) => {
    parts.push({ kind, start, end });
    masked = consume(masked, start, end);
  };

  for (const { minutes, start, end } of findReminders(masked)) {
    for (const value of minutes) {
      if (!result.reminders.includes(value) && result.reminders.length < REMINDERS_MAX) {
        result.reminders.push(value);
      }
    }
    take("reminder", start, end);
  }

  for (const match of masked.matchAll(/(?<=^|\s)!(\w+)(?=\s|$)/g)) {
    const priority = PRIORITY_WORDS[match[1]?.toLowerCase() ?? ""];
    if (!priority) continue;
    result.priority = priority;
    take("priority", match.index, match.index + match[0].length);
  }

  for (const match of masked.matchAll(/(?<=^|\s)#([^\s#\uE000]+)/g)) {
    const tag = match[1] ?? "";
    if (!result.tags.some((known) => known.toLowerCase() === tag.toLowerCase())) {
      result.tags.push(tag);
    }
    take("tag", match.index, match.index + match[0].length);
  }

  const at = /(?<=^|\s)@(?=\S)/.exec(masked);
  if (at) {
    const after = masked.slice(at.index + 1);
    // The longest of the user's list names that the text goes on with, else one word.
    const known = [...lists]
      .sort((a, b) => b.name.length - a.name.length)
      .find(
        (list) =>
          after.toLowerCase().startsWith(list.name.toLowerCase()) &&
          /^(\s|$)/.test(after.slice(list.name.length)),
      );
    const name = known
      ? after.slice(0, known.name.length)
      : (/^[^\s\uE000]+/.exec(after)?.[0] ?? "");
    if (name) {
      result.list = { name: known?.name ?? name, id: known?.id ?? null };
      take("list", at.index, at.index + 1 + name.length);
    }
  }

  const recurrence = findRecurrence(masked);
  let untilResult: ParsedResult | undefined;
  if (recurrence) {
    result.recurrence = recurrence.rule;
    take("recurrence", recurrence.start, recurrence.end);
    // "until <date>", anywhere after the rule ("every day 8am until Dec 31").
    for (const until of masked.slice(recurrence.end).matchAll(/(?<=^|\s)until\s+/gi)) {
      const from = recurrence.end + until.index + until[0].length;
      const [date] = chrono.parse(masked.slice(from), now, { forwardDate: true });
      if (date?.index !== 0) continue;
      untilResult = date;
      take("recurrence", recurrence.end + until.index, from + date.text.length);
      break;
    }
  }

  const [date] = chrono.parse(masked, now, { forwardDate: true });
  let allDay = true;
  if (date) {
    const start = date.start;
    const dayGiven =
      start.isCertain("day") || start.isCertain("weekday") || start.isCertain("month");
    const day =
      dayGiven || !result.recurrence ? start.date() : firstOccurrence(result.recurrence, now);
    result.dueDate = localDate(day);
    if (start.isCertain("hour")) {
      allDay = false;
      result.dueTime = `${pad(start.get("hour") ?? 0)}:${pad(start.get("minute") ?? 0)}`;
    }
    const lead = DATE_LEAD.exec(masked.slice(0, date.index));
    const from = lead ? date.index - lead[0].trimStart().length : date.index;
    take("date", from, date.index + date.text.length);
  } else if (result.recurrence) {
    result.dueDate = localDate(firstOccurrence(result.recurrence, now));
  }
  if (result.recurrence && untilResult) {
    result.recurrence += `;UNTIL=${untilValue(untilResult, allDay)}`;
  }

  // The title is what is left, with escapes undone and the gaps closed.
  let title = "";
  for (let i = 0; i < text.length; i++) {
    if (masked[i] === " " && text[i] !== " ") continue;
    // An escape pair starts here: keep the escaped character, drop the backslash.
    if (masked[i] === "\uE000") i++;
    title += text[i] ?? "";
  }
  result.title = title.replace(/\s+/g, " ").trim();
  parts.sort((a, b) => a.start - b.start);
  return result;
}
