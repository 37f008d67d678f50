/**
 * The one mailer of the web app (account emails) and the API (reminders): SMTP when `SMTP_URL`
 * is set, otherwise the outbox folder (development and tests; both processes' env validation
 * refuses production without `SMTP_URL`).
 */
import { resolve } from "node:path";
import { createTransport } from "nodemailer";
import { writeOutboxMessage } from "./outbox";

/** One message; every message the apps send has a plain-text and an HTML version. */
export interface Mail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
}

/** The mail variables of the configuration (packages/config/src/env.ts), as parsed. */
export interface MailSettings {
  NODE_ENV: string;
  SMTP_URL?: string | undefined;
  MAIL_FROM: string;
  MAIL_OUTBOX_DIR: string;
}

export type MailTransport = { smtpUrl: string; from: string } | { outboxDir: string; from: string };

/** Where mail goes: the SMTP server when `SMTP_URL` is set, otherwise the outbox folder. */
export function mailTransport(settings: MailSettings): MailTransport {
  if (settings.SMTP_URL) return { smtpUrl: settings.SMTP_URL, from: settings.MAIL_FROM };
  return { outboxDir: resolve(settings.MAIL_OUTBOX_DIR), from: settings.MAIL_FROM };
}

/** The outbox folder, or null where /dev/mail must not exist (production, or real SMTP). */
export function devOutboxDir(settings: MailSettings): string | null {
  if (settings.NODE_ENV === "production") return null;
  const transport = mailTransport(settings);
  return "outboxDir" in transport ? transport.outboxDir : null;
}

export function createMailer(transport: MailTransport): Mailer {
  if ("smtpUrl" in transport) {
    // nodemailer logs nothing unless asked: message bodies (links, tokens) stay out of logs.
    const smtp = createTransport(transport.smtpUrl, { from: transport.from });
    return {
      async send(mail) {
        await smtp.sendMail(mail);
      },
    };
  }
  // The same MIME builder as for SMTP; CRLF line ends as RFC 5322 has them.
  const composer = createTransport(
    { streamTransport: true, buffer: true, newline: "windows" },
    { from: transport.from },
  );
  return {
    async send(mail) {
      const { message } = await composer.sendMail(mail);
      await writeOutboxMessage(transport.outboxDir, message as Buffer);
    },
  };
}
