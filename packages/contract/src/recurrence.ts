// No zod here: the web app's recurrence picker checks rules with this too.

export const RECURRENCE_FREQUENCIES = ["DAILY", "WEEKLY", "MONTHLY", "YEARLY"] as const;
export type RecurrenceFrequency = (typeof RECURRENCE_FREQUENCIES)[number];
export const RECURRENCE_MAX_LENGTH = 500;

const WEEKDAY = /^([+-]?[0-9]{1,2})?(MO|TU|WE|TH|FR|SA|SU)$/;
const ONE_TO_999 = /^[1-9][0-9]{0,2}$/;
const SIGNED = /^[+-]?[0-9]{1,2}$/;
const UNTIL_DATE = /^([0-9]{4})([0-9]{2})([0-9]{2})(T([0-9]{2})([0-9]{2})([0-9]{2})Z)?$/;

function isRealUntil(value: string): boolean {
  const match = UNTIL_DATE.exec(value);
  if (!match) return false;
  const [, year, month, day, time, hour, minute, second] = match.map(Number);
  const date = new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 0));
  const dateOk = date.getUTCFullYear() === year && date.getUTCDate() === day && year >= 1000;
  return dateOk && (!time || ((hour ?? 0) < 24 && (minute ?? 0) < 60 && (second ?? 0) < 60));
}

function inRange(text: string, pattern: RegExp, min: number, max: number): boolean {
  if (!pattern.test(text)) return false;
  const value = Number(text);
  return value !== 0 && Math.abs(value) >= min && Math.abs(value) <= max;
}

/**
 * Why `rule` is not a recurrence of the supported subset of RFC 5545 `RRULE` (docs/api.md,
 * Recurring tasks), or null when it is. Part names and values are case-insensitive.
 */
export function recurrenceError(rule: string): string | null {
  if (rule.length > RECURRENCE_MAX_LENGTH)
    return `Must be at most ${RECURRENCE_MAX_LENGTH} characters`;
  const parts = new Map<string, string>();
  for (const part of rule.toUpperCase().split(";")) {
    const [name, value, ...extra] = part.split("=");
    if (!name || value === undefined || value === "" || extra.length > 0) {
      return "Must be NAME=VALUE parts separated by ;, without the RRULE: prefix";
    }
    if (parts.has(name)) return `${name} is given twice`;
    parts.set(name, value);
  }
  const freq = parts.get("FREQ");
  if (!freq || !(RECURRENCE_FREQUENCIES as readonly string[]).includes(freq)) {
    return "FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY";
  }
  for (const [name, value] of parts) {
    const values = value.split(",");
    switch (name) {
      case "FREQ":
        break;
      case "INTERVAL":
      case "COUNT":
        if (!ONE_TO_999.test(value)) return `${name} must be a whole number from 1 to 999`;
        break;
      case "UNTIL":
        if (!isRealUntil(value))
          return "UNTIL must be a date YYYYMMDD or a UTC date-time YYYYMMDDTHHMMSSZ";
        break;
      case "BYDAY":
        for (const day of values) {
          const match = WEEKDAY.exec(day);
          if (!match) return "BYDAY must list weekdays MO to SU, each with an optional ordinal";
          const ordinal = match[1];
          if (ordinal === undefined) continue;
          if (freq !== "MONTHLY" && freq !== "YEARLY") {
            return "BYDAY ordinals (like -1FR) need FREQ=MONTHLY or FREQ=YEARLY";
          }
          const max = freq === "MONTHLY" || parts.has("BYMONTH") ? 5 : 53;
          if (!inRange(ordinal, SIGNED, 1, max))
            return `BYDAY ordinals must be 1 to ${max} or -${max} to -1`;
        }
        break;
      case "BYMONTHDAY":
        if (freq === "WEEKLY") return "BYMONTHDAY cannot be used with FREQ=WEEKLY";
        if (!values.every((day) => inRange(day, SIGNED, 1, 31))) {
          return "BYMONTHDAY must list days 1 to 31 or -31 to -1";
        }
        break;
      case "BYMONTH":
        if (!values.every((month) => inRange(month, /^[0-9]{1,2}$/, 1, 12))) {
          return "BYMONTH must list months 1 to 12";
        }
        break;
      default:
        return `${name} is not supported; use FREQ, INTERVAL, BYDAY, BYMONTHDAY, BYMONTH, COUNT or UNTIL`;
    }
  }
  if (parts.has("COUNT") && parts.has("UNTIL")) return "COUNT and UNTIL cannot both be given";
  return null;
}
