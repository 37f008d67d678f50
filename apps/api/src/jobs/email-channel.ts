import { renderMail } from "@todo/mail/layout";
import type { Mail, Mailer } from "@todo/mail/mailer";
import type { FastifyBaseLogger } from "fastify";
import type { NotificationChannelsRepository } from "../repositories/notification-channels-repository";
import type { DeliveredNotification, NotificationChannel } from "./notification-channels";

export interface EmailChannelOptions {
  repository: NotificationChannelsRepository;
  mailer: Mailer;
  /** The web app's origin (BETTER_AUTH_URL), for the links in the email. */
  appUrl: string;
  log: FastifyBaseLogger;
}

const ALL_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** "Friday 11 December 2026 at 09:00 (Europe/Paris)", or the day alone for an all-day task. */
function dueInWords(dueDate: string, timeZone: string): string {
  if (ALL_DAY.test(dueDate)) {
    return new Intl.DateTimeFormat("en-GB", { dateStyle: "full", timeZone: "UTC" }).format(
      new Date(`${dueDate}T00:00:00Z`),
    );
  }
  const format = new Intl.DateTimeFormat("en-GB", {
    dateStyle: "full",
    timeStyle: "short",
    timeZone,
  });
  return `${format.format(new Date(dueDate))} (${timeZone})`;
}

function reminderMail(
  to: { email: string; name: string },
  notification: Pick<DeliveredNotification, "title" | "due_date" | "time_zone">,
  appUrl: string,
): Mail {
  const content = renderMail({
    subject: `Reminder: ${notification.title}`,
    name: to.name,
    intro: [
      `“${notification.title}” is due ${dueInWords(notification.due_date, notification.time_zone)}.`,
    ],
    action: { label: "Open Todo", url: `${appUrl}/tasks` },
    secondary: { label: "Turn off email reminders", url: `${appUrl}/settings` },
    outro: ["You get this email because reminders by email are on in your Todo settings."],
  });
  return { to: to.email, ...content };
}

/**
 * Each delivered reminder by email, for users who turned email on, to their address once it
 * is verified: an unverified address may be someone else's, typed by whoever signed up.
 */
export function createEmailChannel(options: EmailChannelOptions): NotificationChannel {
  const { repository, mailer, appUrl, log } = options;
  return {
    name: "email",
    async deliver(notification: DeliveredNotification) {
      const recipient = await repository.emailRecipient(notification.user_id);
      if (!recipient) return;
      if (!recipient.verified) {
        log.info({ notification: notification.id }, "reminder email skipped: address not verified");
        return;
      }
      await mailer.send(reminderMail(recipient, notification, appUrl));
    },
  };
}
