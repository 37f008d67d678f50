import { RRuleTemporal } from "rrule-temporal";
import { isAllDay } from "./due-date";
import { localDateTime, wallClockMs } from "./local-time";

/** What a recurring task's next occurrence is computed from. */
export interface Schedule {
  /** As served: `YYYY-MM-DD` (all-day) or a UTC date-time. */
  dueDate: string;
  timeZone: string;
  /** A valid rule of the supported subset (checked on input), upper case. */
  recurrence: string;
  recurrenceFrom: "due" | "completion";
}

export interface Occurrence {
  dueDate: string;
  /** The rule with `COUNT` counted down; otherwise unchanged. */
  recurrence: string;
}

const compact = (date: string) => date.replaceAll("-", "");

function parts(rule: string): Map<string, string> {
  return new Map(rule.split(";").map((part) => part.split("=") as [string, string]));
}

function format(ruleParts: Map<string, string>): string {
  return [...ruleParts].map(([name, value]) => `${name}=${value}`).join(";");
}

/**
 * The occurrence a completion moves a recurring task to (docs/api.md, Completing a recurring task), or null when
 * the rule has none left. `due`: the first occurrence strictly after the later of the current
 * due date and now. `completion`: the rule restarted at now (keeping the due time of day), its
 * first occurrence after that start. Timed tasks keep their wall-clock time in `timeZone`
 * across daylight-saving changes (a local time that does not exist on a day is skipped, as
 * RFC 5545 says); all-day tasks recur by date. `COUNT` includes the current occurrence, so it
 * counts down by one per occurrence passed (skipped overdue ones included).
 */
export function nextOccurrence(schedule: Schedule, now: Date): Occurrence | null {
  try {
    const next = computeNext(schedule, now);
    return next && withinDueRange(next.dueDate) ? next : null;
  } catch {
    // The library gives up (after 10,000 periods) on a rule whose days never come, such as
    // 30 February: such a rule has no next occurrence.
    return null;
  }
}

/**
 * The first `count` due dates of a series, its current due date first: each next one is what
 * completing the task on time moves it to, by the very computation the API runs (the picker's
 * preview shows these). Fewer when the rule runs out.
 */
export function upcomingDueDates(schedule: Schedule, count: number): string[] {
  const dates = [schedule.dueDate];
  let current = schedule;
  // Now long before the series: each step is the occurrence strictly after the current one.
  const longAgo = new Date(0);
  while (dates.length < count) {
    const next = nextOccurrence({ ...current, recurrenceFrom: "due" }, longAgo);
    if (!next) break;
    dates.push(next.dueDate);
    current = { ...current, dueDate: next.dueDate, recurrence: next.recurrence };
  }
  return dates;
}

/** The due dates a task accepts (docs/api.md, Tasks): a later occurrence ends the series. */
function withinDueRange(dueDate: string): boolean {
  return isAllDay(dueDate) ? dueDate <= "9999-12-30" : Date.parse(dueDate) < Date.UTC(10_000, 0, 1);
}

function computeNext(schedule: Schedule, now: Date): Occurrence | null {
  const allDay = isAllDay(schedule.dueDate);
  // All-day dates recur in UTC, where every day has a midnight; "now" is today in the zone.
  const zone = allDay ? "UTC" : schedule.timeZone;
  const due = allDay
    ? `${compact(schedule.dueDate)}T000000`
    : localDateTime(new Date(schedule.dueDate), zone);
  const nowLocal = allDay
    ? `${localDateTime(now, schedule.timeZone).slice(0, 8)}T000000`
    : localDateTime(now, zone);

  const ruleParts = parts(schedule.recurrence);
  const until = ruleParts.get("UNTIL");
  if (allDay && until?.includes("T")) {
    // The day (in the task's zone) of a moment, so dates compare with dates.
    ruleParts.set("UNTIL", localDateTime(parseUntil(until), schedule.timeZone).slice(0, 8));
  }
  const count = ruleParts.has("COUNT") ? Number(ruleParts.get("COUNT")) : undefined;

  const fromCompletion = schedule.recurrenceFrom === "completion";
  const start = fromCompletion ? `${nowLocal.slice(0, 8)}${due.slice(8)}` : due;
  const rule = new RRuleTemporal({
    rruleString: `DTSTART;TZID=${zone}:${start}\nRRULE:${format(ruleParts)}`,
    includeDtstart: true,
  });
  const startInstant = rule.all((_, index) => index < 1)[0];
  if (!startInstant) return null;
  const threshold = fromCompletion
    ? startInstant.epochMilliseconds
    : Math.max(startInstant.epochMilliseconds, allDay ? wallClockMs(nowLocal) : now.getTime());

  let found: {
    occurrence: { epochMilliseconds: number; toString(): string };
    index: number;
  } | null = null;
  if (count === undefined) {
    const occurrence = rule.next(new Date(threshold), false);
    if (occurrence) found = { occurrence, index: 1 };
  } else {
    // At most 999 occurrences: the index of the next one is how far COUNT counts down.
    rule.all((occurrence, index) => {
      if (occurrence.epochMilliseconds > threshold) found = { occurrence, index };
      return found === null;
    });
  }
  if (!found) return null;
  const { occurrence, index } = found as NonNullable<typeof found>;
  if (count !== undefined) {
    if (index >= count) return null;
    ruleParts.set("COUNT", String(count - index));
  }
  if (until !== undefined) ruleParts.set("UNTIL", until);
  return {
    dueDate: allDay
      ? occurrence.toString().slice(0, 10)
      : new Date(occurrence.epochMilliseconds).toISOString(),
    recurrence: format(ruleParts),
  };
}

function parseUntil(until: string): Date {
  return new Date(
    `${until.slice(0, 4)}-${until.slice(4, 6)}-${until.slice(6, 8)}T${until.slice(9, 11)}:${until.slice(11, 13)}:${until.slice(13, 15)}Z`,
  );
}
