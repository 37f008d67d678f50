import { dayIn } from "@/lib/due-label";
import { MONTH_NAMES, WEEKDAY_NAMES } from "@/lib/en-us-dates";

// A recurrence rule in words, for the picker's summary, quick add's preview and the task row.
// Any rule of the contract's subset reads, not only those the picker builds. Small and free of
// the rule checker and the recurrence library: a recurring task's row loads it (repeat-words-badge).

/** An RRULE UNTIL as the day (in `timeZone`) it falls on. */
export function untilDay(until: string, timeZone: string): string {
  const date = `${until.slice(0, 4)}-${until.slice(4, 6)}-${until.slice(6, 8)}`;
  if (!until.includes("T")) return date;
  const time = `${until.slice(9, 11)}:${until.slice(11, 13)}:${until.slice(13, 15)}`;
  return dayIn(timeZone, new Date(`${date}T${time}Z`));
}

/** An RRULE value's parts, names and values upper case. */
export function ruleParts(rule: string): Map<string, string> {
  return new Map(
    rule
      .toUpperCase()
      .split(";")
      .map((part) => part.split("=") as [string, string]),
  );
}

/** Each RRULE weekday code's name, short ("Mon", fits seven to a row) and in full. */
export const DAY_NAMES = Object.fromEntries(
  ["SU", "MO", "TU", "WE", "TH", "FR", "SA"].map(
    (code, day): [string, readonly [string, string]] => {
      const name: string = WEEKDAY_NAMES[day] ?? code;
      return [code, [name.slice(0, 3), name]];
    },
  ),
) as Record<"MO" | "TU" | "WE" | "TH" | "FR" | "SA" | "SU", readonly [string, string]>;

/** A weekday code as words; an unknown code as it is. */
function dayName(code: string, form: "short" | "full"): string {
  const names = (DAY_NAMES as Record<string, readonly [string, string] | undefined>)[code];
  return names?.[form === "short" ? 0 : 1] ?? code;
}
const UNITS: Record<string, string> = {
  DAILY: "day",
  WEEKLY: "week",
  MONTHLY: "month",
  YEARLY: "year",
};
const ADVERBS: Record<string, string> = {
  DAILY: "Every day",
  WEEKLY: "Weekly",
  MONTHLY: "Monthly",
  YEARLY: "Yearly",
};

/** "a", "a and b", "a, b and c". */
function joinWords(words: string[]): string {
  return words.length > 1
    ? `${words.slice(0, -1).join(", ")} and ${words.at(-1)}`
    : (words[0] ?? "");
}

function suffixed(n: number): string {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? "th" : (["th", "st", "nd", "rd"][n % 10] ?? "th");
  return `${n}${suffix}`;
}

/** 2 → "2nd", -1 → "last", -2 → "2nd to last". */
export function ordinalWord(n: number): string {
  if (n === -1) return "last";
  return n > 0 ? suffixed(n) : `${suffixed(-n)} to last`;
}

function monthDayWord(n: number): string {
  return n === -1 ? "last day" : n < 0 ? `${ordinalWord(n)} day` : suffixed(n);
}

/** `YYYY-MM-DD` → "1 Mar 2030". */
function shortDate(date: string): string {
  const month = MONTH_NAMES[Number(date.slice(5, 7)) - 1]?.slice(0, 3) ?? "";
  return `${Number(date.slice(8, 10))} ${month} ${date.slice(0, 4)}`;
}

function weekdayWords(byDay: string): string {
  const words = byDay.split(",").map((day) => {
    const match = /^([+-]?\d{1,2})?(\w\w)$/.exec(day);
    const name = match?.[2] ?? day;
    return match?.[1]
      ? `the ${ordinalWord(Number(match[1]))} ${dayName(name, "full")}`
      : dayName(name, "short");
  });
  return joinWords(words);
}

/**
 * The rule in words: "Every 2 weeks on Mon and Thu", "Monthly on the last Friday",
 * "Every day, 5 times", "Yearly on 29 February until 1 Mar 2030". `timeZone` is the task's:
 * an UNTIL moment is named by the day it falls on there.
 */
export function describeRecurrence(rule: string, timeZone = "UTC"): string {
  const parts = ruleParts(rule);
  const freq = parts.get("FREQ") ?? "DAILY";
  const interval = Number(parts.get("INTERVAL") ?? 1);
  const byDay = parts.get("BYDAY");
  const byMonthDay = parts.get("BYMONTHDAY")?.split(",").map(Number);
  const byMonth = parts.get("BYMONTH")?.split(",").map(Number);
  const monthNames = byMonth?.map((month) => MONTH_NAMES[month - 1] ?? String(month));

  let text =
    interval > 1 ? `Every ${interval} ${UNITS[freq] ?? "day"}s` : (ADVERBS[freq] ?? "Every day");
  if (freq === "WEEKLY" && interval === 1 && byDay === "MO,TU,WE,TH,FR") text = "Every weekday";
  else if (byDay) text += ` on ${weekdayWords(byDay)}`;

  if (byMonthDay && monthNames?.length === 1 && byMonthDay.length === 1 && !byDay) {
    // Yearly on 29 February
    text += ` on ${byMonthDay[0] && byMonthDay[0] > 0 ? byMonthDay[0] : `the ${monthDayWord(byMonthDay[0] ?? 1)} of`} ${monthNames[0]}`;
  } else {
    if (byMonthDay) text += ` on the ${joinWords(byMonthDay.map(monthDayWord))}`;
    if (monthNames) text += ` in ${joinWords(monthNames)}`;
  }

  const count = parts.get("COUNT");
  if (count) text += count === "1" ? ", once" : `, ${Number(count)} times`;
  const until = parts.get("UNTIL");
  if (until) text += ` until ${shortDate(untilDay(until, timeZone))}`;
  return text;
}
