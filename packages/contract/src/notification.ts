import { z } from "zod";

/** The newest this many notifications are listed (docs/api.md, Notifications). */
export const NOTIFICATIONS_LISTED = 100;

/** A delivered reminder (contract section 12). */
export const notificationSchema = z
  .object({
    id: z.number().int().positive(),
    task_id: z.number().int().positive(),
    title: z.string().describe("The task's title when the reminder fired."),
    due_date: z
      .union([z.iso.date(), z.iso.datetime()])
      .describe("The occurrence's due date: `YYYY-MM-DD` for an all-day task, else UTC."),
    fire_at: z.iso.datetime().describe("When the reminder was due to fire."),
    read: z.boolean(),
    created_at: z.iso.datetime().describe("When it was delivered."),
  })
  .meta({ id: "Notification" });
export type Notification = z.infer<typeof notificationSchema>;

export const notificationCollectionSchema = z
  .object({
    items: z
      .array(notificationSchema)
      .describe(`The newest ${NOTIFICATIONS_LISTED}, newest first.`),
    unread: z.number().int().nonnegative().describe("Every unread notification of the user."),
  })
  .meta({ id: "NotificationCollection" });
export type NotificationCollection = z.infer<typeof notificationCollectionSchema>;
