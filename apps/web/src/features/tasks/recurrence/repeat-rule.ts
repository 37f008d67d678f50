import { localDateTime, wallClockMs } from "@todo/contract/local-time";
import { recurrenceError } from "@todo/contract/recurrence";
import { ruleParts, untilDay } from "./describe-recurrence";

// The recurrence picker's state and the RRULE it stands for (contract section 11), both ways.
// Pure: the round-trip table in the tests runs on this.

export const WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export type Frequency = "DAILY" | "WEEKLY" | "MONTHLY" | "YEARLY";
const WORKDAYS: Weekday[] = ["MO", "TU", "WE", "TH", "FR"];

export type MonthlyOn =
  | { kind: "day"; day: number }
  | { kind: "weekday"; ordinal: number; weekday: Weekday };
export type RepeatEnd =
  | { kind: "never" }
  | { kind: "count"; count: number }
  /** The last day (`YYYY-MM-DD`, in the task's zone) an occurrence may fall on. */
  | { kind: "until"; date: string };

export interface RepeatState {
  frequency: Frequency;
  interval: number;
  /** Set when the user chose "Custom…": the select stays there even at an interval of 1. */
  custom: boolean;
  weekdays: Weekday[];
  monthly: MonthlyOn;
  yearly: { month: number; day: number };
  end: RepeatEnd;
}

/** The due date the picker's choices are derived from, and the zone it is understood in. */
export interface RepeatContext {
  /** `YYYY-MM-DD` of the due date, as the date input holds it. */
  dueDate: string;
  allDay: boolean;
  timeZone: string;
}

export type Preset = "daily" | "weekdays" | "weekly" | "monthly" | "yearly" | "custom";

const utcDay = (date: string) => new Date(`${date}T00:00:00Z`);

export function weekdayOf(date: string): Weekday {
  return WEEKDAYS[(utcDay(date).getUTCDay() + 6) % 7] ?? "MO";
}

/** Which of its weekdays the date is in its month: 2 for the second Tuesday. */
export function weekdayOrdinal(date: string): number {
  return Math.ceil(utcDay(date).getUTCDate() / 7);
}

/** True when no later same weekday follows in the month: the date is "the last Friday". */
export function isLastWeekdayOfMonth(date: string): boolean {
  const day = utcDay(date);
  const weekLater = new Date(day.getTime() + 7 * 86_400_000);
  return weekLater.getUTCMonth() !== day.getUTCMonth();
}

/** The state a preset starts from, its days taken from the due date; the end is kept. */
export function presetState(
  preset: Preset,
  context: RepeatContext,
  previous?: RepeatState,
): RepeatState {
  const day = utcDay(context.dueDate);
  const base: RepeatState = previous ?? {
    frequency: "DAILY",
    interval: 1,
    custom: false,
    weekdays: [weekdayOf(context.dueDate)],
    monthly: { kind: "day", day: day.getUTCDate() },
    yearly: { month: day.getUTCMonth() + 1, day: day.getUTCDate() },
    end: { kind: "never" },
  };
  const simple = { ...base, interval: 1, custom: false };
  switch (preset) {
    case "daily":
      return { ...simple, frequency: "DAILY" };
    case "weekdays":
      return { ...simple, frequency: "WEEKLY", weekdays: WORKDAYS };
    case "weekly":
      return {
        ...simple,
        frequency: "WEEKLY",
        weekdays: sameDays(base.weekdays, WORKDAYS) ? [weekdayOf(context.dueDate)] : base.weekdays,
      };
    case "monthly":
      return { ...simple, frequency: "MONTHLY" };
    case "yearly":
      return { ...simple, frequency: "YEARLY" };
    case "custom":
      return { ...base, custom: true };
  }
}

function sameDays(a: readonly Weekday[], b: readonly Weekday[]): boolean {
  return a.length === b.length && a.every((day) => b.includes(day));
}

/** What the "Repeat" select shows for a state. */
export function presetOf(state: RepeatState): Preset {
  if (state.custom || state.interval > 1) return "custom";
  switch (state.frequency) {
    case "DAILY":
      return "daily";
    case "WEEKLY":
      return sameDays(state.weekdays, WORKDAYS) ? "weekdays" : "weekly";
    case "MONTHLY":
      return "monthly";
    case "YEARLY":
      return "yearly";
  }
}

const pad = (value: number, length = 2) => String(value).padStart(length, "0");

/**
 * The UTC instant at which `date` ends in `timeZone`, as an RRULE UNTIL (RFC 5545 wants UNTIL
 * in UTC when the start has a zone). The zone's offset is looked up at that instant.
 */
function endOfDayUntil(date: string, timeZone: string): string {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const wall = Date.UTC(year, month - 1, day, 23, 59, 59);
  let instant = wall;
  // Twice: the offset at the first guess may differ from the one at the answer (DST).
  for (let i = 0; i < 2; i++) instant = wall - offsetAt(instant, timeZone);
  const utc = new Date(instant);
  return `${utc.getUTCFullYear()}${pad(utc.getUTCMonth() + 1)}${pad(utc.getUTCDate())}T${pad(utc.getUTCHours())}${pad(utc.getUTCMinutes())}${pad(utc.getUTCSeconds())}Z`;
}

/** How far `timeZone`'s wall clock is ahead of UTC at `instant`, in milliseconds. */
function offsetAt(instant: number, timeZone: string): number {
  return (
    wallClockMs(localDateTime(new Date(instant), timeZone)) - Math.floor(instant / 1000) * 1000
  );
}

/** The rule a state stands for, its parts in a fixed order. */
export function buildRule(state: RepeatState, context: RepeatContext): string {
  const parts = [`FREQ=${state.frequency}`];
  if (state.interval > 1) parts.push(`INTERVAL=${state.interval}`);
  if (state.frequency === "WEEKLY") {
    const days = WEEKDAYS.filter((day) => state.weekdays.includes(day));
    parts.push(`BYDAY=${(days.length > 0 ? days : [weekdayOf(context.dueDate)]).join(",")}`);
  } else if (state.frequency === "MONTHLY") {
    const on = state.monthly;
    parts.push(on.kind === "day" ? `BYMONTHDAY=${on.day}` : `BYDAY=${on.ordinal}${on.weekday}`);
  } else if (state.frequency === "YEARLY") {
    parts.push(`BYMONTH=${state.yearly.month}`, `BYMONTHDAY=${state.yearly.day}`);
  }
  if (state.end.kind === "count") parts.push(`COUNT=${state.end.count}`);
  if (state.end.kind === "until") {
    const until = context.allDay
      ? state.end.date.replaceAll("-", "")
      : endOfDayUntil(state.end.date, context.timeZone);
    parts.push(`UNTIL=${until}`);
  }
  return parts.join(";");
}

const ORDINAL_WEEKDAY = /^(-1|[1-5])(MO|TU|WE|TH|FR|SA|SU)$/;

/**
 * The picker's state for a rule, or null for a valid rule it cannot express (several month
 * days, a weekday filter on a daily rule…): the form then shows it as a custom rule, unchanged.
 */
export function parseRule(rule: string, context: RepeatContext): RepeatState | null {
  if (recurrenceError(rule) !== null) return null;
  const parts = ruleParts(rule);
  const frequency = parts.get("FREQ") as Frequency;
  const allowed: Record<Frequency, string[]> = {
    DAILY: [],
    WEEKLY: ["BYDAY"],
    MONTHLY: ["BYDAY", "BYMONTHDAY"],
    YEARLY: ["BYMONTH", "BYMONTHDAY"],
  };
  const extra = [...parts.keys()].filter(
    (name) => !["FREQ", "INTERVAL", "COUNT", "UNTIL", ...allowed[frequency]].includes(name),
  );
  if (extra.length > 0) return null;

  const interval = Number(parts.get("INTERVAL") ?? 1);
  const count = parts.get("COUNT");
  const until = parts.get("UNTIL");
  const end: RepeatEnd = count
    ? { kind: "count", count: Number(count) }
    : until
      ? { kind: "until", date: untilDay(until, context.timeZone) }
      : { kind: "never" };
  const state = {
    ...presetState("daily", context),
    frequency,
    interval,
    custom: interval > 1,
    end,
  };

  const byDay = parts.get("BYDAY");
  const byMonthDay = parts.get("BYMONTHDAY");
  if (frequency === "WEEKLY" && byDay) {
    const days = byDay.split(",");
    if (!days.every((day): day is Weekday => (WEEKDAYS as readonly string[]).includes(day))) {
      return null;
    }
    return { ...state, weekdays: [...new Set(days)] };
  }
  if (frequency === "MONTHLY") {
    if (byDay && byMonthDay) return null;
    if (byMonthDay) {
      const day = Number(byMonthDay);
      return /^\d+$/.test(byMonthDay) ? { ...state, monthly: { kind: "day", day } } : null;
    }
    if (byDay) {
      const match = ORDINAL_WEEKDAY.exec(byDay);
      if (!match) return null;
      const monthly = {
        kind: "weekday",
        ordinal: Number(match[1]),
        weekday: match[2] as Weekday,
      } as const;
      return { ...state, monthly };
    }
  }
  if (frequency === "YEARLY") {
    const month = parts.get("BYMONTH");
    if (!month !== !byMonthDay) return null;
    if (month && byMonthDay) {
      if (!/^\d+$/.test(month) || !/^\d+$/.test(byMonthDay)) return null;
      return { ...state, yearly: { month: Number(month), day: Number(byMonthDay) } };
    }
  }
  return state;
}
