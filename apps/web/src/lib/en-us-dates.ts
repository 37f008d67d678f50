// No React and no Intl here: see formatEnUs.

/** Weekday names in en-US, Sunday first as `Date#getDay` counts. */
export const WEEKDAY_NAMES = [
  "Sunday",
  "Monday",
  "Tuesday",
  "Wednesday",
  "Thursday",
  "Friday",
  "Saturday",
] as const;

/** Month names in en-US, January first as `Date#getMonth` counts; short, the first three letters. */
export const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
] as const;

/** The formats the due labels use, by the `Intl.DateTimeFormat` options that make them. */
export const DATE_STYLES = {
  weekday: { weekday: "long" },
  monthDay: { month: "short", day: "numeric" },
  monthDayYear: { month: "short", day: "numeric", year: "numeric" },
  time: { timeStyle: "short" },
  mediumDate: { dateStyle: "medium" },
  mediumDateTime: { dateStyle: "medium", timeStyle: "short" },
} satisfies Record<string, Omit<Intl.DateTimeFormatOptions, "timeZone">>;

export type DateStyle = keyof typeof DATE_STYLES;

/** `moment`'s wall clock in UTC or in the runtime's own zone, to be read with the UTC getters. */
function wallClock(moment: Date, utc: boolean): Date {
  return utc ? moment : new Date(moment.getTime() - moment.getTimezoneOffset() * 60_000);
}

/**
 * `moment` as en-US writes it in `style`, in UTC or in the runtime's own zone, as
 * `Intl.DateTimeFormat("en-US", DATE_STYLES[style])` does (the tests hold the two equal). A
 * browser's first `Intl.DateTimeFormat` loads ICU's locale and zone data, a long task of its own
 * in the first render of a task list (ADR 0056); the Date getters and two tables cost nothing.
 */
export function formatEnUs(moment: Date, style: DateStyle, utc: boolean): string {
  const wall = wallClock(moment, utc);
  const hours = wall.getUTCHours();
  const monthDay = `${MONTH_NAMES[wall.getUTCMonth()]?.slice(0, 3)} ${wall.getUTCDate()}`;
  const date = `${monthDay}, ${wall.getUTCFullYear()}`;
  const minutes = String(wall.getUTCMinutes()).padStart(2, "0");
  const time = `${hours % 12 || 12}:${minutes} ${hours < 12 ? "AM" : "PM"}`;
  switch (style) {
    case "weekday":
      return WEEKDAY_NAMES[wall.getUTCDay()] ?? "";
    case "monthDay":
      return monthDay;
    case "monthDayYear":
    case "mediumDate":
      return date;
    case "time":
      return time;
    case "mediumDateTime":
      return `${date}, ${time}`;
  }
}

/** `YYYY-MM-DD` of `moment` in the runtime's own zone. */
export function localDay(moment: Date): string {
  return wallClock(moment, false).toISOString().slice(0, 10);
}
