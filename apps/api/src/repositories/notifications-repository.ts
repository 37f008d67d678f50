import { NOTIFICATIONS_LISTED, type Notification } from "@todo/contract/notification";
import type { Db } from "@todo/db/client";
import { notifications } from "@todo/db/schema";
import { and, count, desc, eq, not } from "drizzle-orm";

export type NotificationRow = Pick<
  typeof notifications.$inferSelect,
  "id" | "taskId" | "title" | "dueDate" | "dueOn" | "fireAt" | "read" | "createdAt"
>;

/** A notification as served. */
export function toNotification(row: NotificationRow): Notification {
  return {
    id: row.id,
    task_id: row.taskId,
    title: row.title,
    due_date: row.dueOn ?? (row.dueDate as Date).toISOString(),
    fire_at: row.fireAt.toISOString(),
    read: row.read,
    created_at: row.createdAt.toISOString(),
  };
}

/** A user's notifications (docs/api.md, Notifications); every query scoped by owner. */
export class NotificationsRepository {
  constructor(private readonly db: Db) {}

  async list(userId: string): Promise<{ items: Notification[]; unread: number }> {
    const [rows, [unread]] = await Promise.all([
      this.db
        .select()
        .from(notifications)
        .where(eq(notifications.userId, userId))
        .orderBy(desc(notifications.createdAt), desc(notifications.id))
        .limit(NOTIFICATIONS_LISTED),
      this.db
        .select({ count: count() })
        .from(notifications)
        .where(and(eq(notifications.userId, userId), not(notifications.read))),
    ]);
    return { items: rows.map(toNotification), unread: unread?.count ?? 0 };
  }

  /** False when the user has no notification with this id. */
  async markRead(userId: string, id: number): Promise<boolean> {
    const updated = await this.db
      .update(notifications)
      .set({ read: true })
      .where(and(eq(notifications.userId, userId), eq(notifications.id, id)))
      .returning({ id: notifications.id });
    return updated.length > 0;
  }

  async markAllRead(userId: string): Promise<void> {
    await this.db
      .update(notifications)
      .set({ read: true })
      .where(and(eq(notifications.userId, userId), not(notifications.read)));
  }
}
