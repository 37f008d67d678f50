import type { Notification } from "@todo/contract/notification";

/** For unit tests: notification `id` of task `id * 10`, unread unless told. */
export function notificationFixture(id: number, read = false): Notification {
  return {
    id,
    task_id: id * 10,
    title: `Task ${id}`,
    due_date: "2026-12-06T09:00:00Z",
    fire_at: "2026-12-06T09:00:00Z",
    read,
    created_at: "2026-12-06T09:00:01Z",
  };
}
