import { REMINDER_MAX_LATENESS_HOURS } from "@todo/db/schema";
import type { FastifyBaseLogger } from "fastify";
import type { Task } from "graphile-worker";
import { z } from "zod";
import { toNotification } from "../repositories/notifications-repository";
import type { DeliveredNotification, NotificationChannel } from "./notification-channels";

/** What the trigger on `tasks` (migration 0013) puts in each reminder job. */
const payloadSchema = z.object({
  task_id: z.number().int().positive(),
  before_minutes: z.number().int().nonnegative(),
  fire_at: z.string(),
});

/**
 * One statement: the task must still exist, be open and have this reminder firing at this
 * moment (a job left over from before a change is a no-op), and the reminder must be less than
 * 24 hours late (older ones are dropped, never delivered late). The unique key on (task,
 * fire_at, minutes) makes a second run of the same job, in this process or another, insert
 * nothing: the queue delivers at least once, the notification exists once.
 */
const DELIVER = `
  insert into notifications (user_id, task_id, title, due_date, due_on, before_minutes, fire_at)
  select user_id, id, title, due_date, due_on, $2, $3
  from tasks
  where id = $1 and not completed and $2 = any (reminder_offsets)
    and reminder_fire_at(due_date, due_on, time_zone, $2) = $3::timestamptz
    and $3::timestamptz > now() - make_interval(hours => $4)
  on conflict (task_id, fire_at, before_minutes) do nothing
  returning id::float8 as "id", user_id as "userId", task_id::float8 as "taskId", title,
    due_date as "dueDate", due_on::text as "dueOn", fire_at as "fireAt", read,
    created_at as "createdAt", (select time_zone from tasks where id = $1) as "timeZone"`;

interface DeliveredRow {
  id: number;
  userId: string;
  taskId: number;
  title: string;
  dueDate: Date | null;
  dueOn: string | null;
  fireAt: Date;
  read: boolean;
  createdAt: Date;
  timeZone: string;
}

/** The job that turns a reminder that came due into a notification, then hands it to each channel. */
export function reminderJob(
  channels: readonly NotificationChannel[],
  log: FastifyBaseLogger,
): Task {
  return async (payload, helpers) => {
    const reminder = payloadSchema.parse(payload);
    const { rows } = await helpers.query<DeliveredRow>(DELIVER, [
      reminder.task_id,
      reminder.before_minutes,
      reminder.fire_at,
      REMINDER_MAX_LATENESS_HOURS,
    ]);
    const row = rows[0];
    if (!row) return;
    const notification: DeliveredNotification = {
      ...toNotification(row),
      user_id: row.userId,
      time_zone: row.timeZone,
    };
    for (const channel of channels) {
      try {
        await channel.deliver(notification);
      } catch (error) {
        // Neither the title nor the error's message (which may quote it) is logged.
        const { name, code } = (error ?? {}) as { name?: unknown; code?: unknown };
        log.error(
          { channel: channel.name, notificationId: notification.id, error: { name, code } },
          "a notification channel failed; the notification stays delivered",
        );
      }
    }
  };
}
