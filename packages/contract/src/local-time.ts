// No dependencies: the web app's recurrence picker uses it without the recurrence library.

import { dateTimeFormats } from "./date-time-format";

const wallClock = dateTimeFormats({
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

/** Wall-clock fields of `instant` in `timeZone`, as an iCalendar local date-time. */
export function localDateTime(instant: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    wallClock("en-US", timeZone)
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  const year = String(parts.year).padStart(4, "0");
  return `${year}${parts.month}${parts.day}T${parts.hour}${parts.minute}${parts.second}`;
}

/** An iCalendar local date-time (`YYYYMMDDTHHMMSS`) read as if it were UTC, in milliseconds. */
export function wallClockMs(local: string): number {
  return Date.UTC(
    Number(local.slice(0, 4)),
    Number(local.slice(4, 6)) - 1,
    Number(local.slice(6, 8)),
    Number(local.slice(9, 11) || 0),
    Number(local.slice(11, 13) || 0),
    Number(local.slice(13, 15) || 0),
  );
}
