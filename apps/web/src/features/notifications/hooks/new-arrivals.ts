import type { Notification as ReminderNotification } from "@todo/contract/notification";

/**
 * The unread notifications in `items` not seen before, and the ids seen from now on. The first
 * answer only fills `seen` (null until then): what was already there when the page opened is
 * in the bell, not worth an alert.
 */
export function newArrivals(
  seen: ReadonlySet<number> | null,
  items: readonly ReminderNotification[],
): { fresh: ReminderNotification[]; seen: Set<number> } {
  const next = new Set(seen ?? []);
  const fresh: ReminderNotification[] = [];
  for (const item of items) {
    if (next.has(item.id)) continue;
    next.add(item.id);
    if (seen !== null && !item.read) fresh.push(item);
  }
  // Oldest first, so alerts stack in the order the reminders fired.
  return { fresh: fresh.reverse(), seen: next };
}
