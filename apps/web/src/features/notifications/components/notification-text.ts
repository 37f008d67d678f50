import type { Notification as ReminderNotification } from "@todo/contract/notification";
import { dueLabel } from "@/lib/due-label";

// No React here: what a notification says is worked out from it and the clock, and tested so.

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ["year", 365 * 86_400],
  ["month", 30 * 86_400],
  ["week", 7 * 86_400],
  ["day", 86_400],
  ["hour", 3_600],
  ["minute", 60],
];

/** "just now", "5 minutes ago", "yesterday", "3 weeks ago". */
export function timeAgo(iso: string, now = new Date(), locale?: string): string {
  const seconds = Math.round((now.getTime() - Date.parse(iso)) / 1000);
  if (seconds < 45) return "just now";
  const format = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  for (const [unit, size] of UNITS) {
    if (seconds >= size) return format.format(-Math.floor(seconds / size), unit);
  }
  return format.format(-1, "minute");
}

/** The line under the title: "Due Today, 9:00 AM", as task rows say it (a reminder needs a due date). */
export function dueText(
  notification: Pick<ReminderNotification, "due_date">,
  options: { now?: Date; timeZone?: string; locale?: string } = {},
): string {
  return `Due ${dueLabel(notification.due_date, options).text}`;
}

/**
 * Where a notification leads: the task's edit dialog, on the tasks view the user is on, else on
 * the Inbox (tasks-board reads `?edit=`).
 */
export function taskPath(taskId: number, currentPathname: string): string {
  const base = currentPathname.startsWith("/tasks") ? currentPathname : "/tasks";
  return `${base}?edit=${taskId}`;
}

/** The tag a notification is shown under, by the page or by the service worker (public/sw.js): one per notification, so it is shown once. */
export const alertTag = (id: number) => `notification-${id}`;
