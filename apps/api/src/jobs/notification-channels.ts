/**
 * Where a newly delivered notification goes besides the notifications table (Web Push, email):
 * each channel is called once per notification, after its row is inserted, never for a
 * duplicate delivery of the same reminder. A channel that throws is logged and skipped; the
 * notification stays delivered and is not retried.
 */
export interface DeliveredNotification {
  id: number;
  user_id: string;
  task_id: number;
  title: string;
  due_date: string;
  fire_at: string;
  read: boolean;
  created_at: string;
  /** The task's zone, in which the due date is worded (email); not part of the notification. */
  time_zone: string;
}

export interface NotificationChannel {
  readonly name: string;
  deliver(notification: DeliveredNotification): Promise<void>;
}
