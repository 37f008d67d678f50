const UNITS = [
  [10_080, "week"],
  [1440, "day"],
  [60, "hour"],
  [1, "minute"],
] as const;

/** A reminder's offset in words: "at the due time", "1 hour before", "90 minutes before". */
export function describeReminder(minutes: number): string {
  if (minutes === 0) return "at the due time";
  // The largest unit that divides it exactly, so nothing is rounded away.
  const [size, unit] = UNITS.find(([size]) => minutes % size === 0) ?? UNITS[3];
  const count = minutes / size;
  return `${count} ${unit}${count === 1 ? "" : "s"} before`;
}

/** A task's reminders in words, earliest first: "1 day before, 10 minutes before". */
export function describeReminders(reminders: { before_minutes: number }[]): string {
  return reminders
    .map((reminder) => reminder.before_minutes)
    .sort((a, b) => b - a)
    .map(describeReminder)
    .join(", ");
}
