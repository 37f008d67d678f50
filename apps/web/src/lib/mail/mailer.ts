import "server-only";
import { resolve } from "node:path";
import { createTransport } from "nodemailer";
import { type Env, getEnv } from "../env";
import { writeOutboxMessage } from "./outbox";

/** One message; every message the app sends has a plain-text and an HTML version. */
export interface Mail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
}

export type MailTransport = { smtpUrl: string; from: string } | { outboxDir: string; from: string };

/**
 * Where mail goes: the SMTP server when `SMTP_URL` is set, otherwise (never in production, which
 * env validation refuses without `SMTP_URL`) the outbox folder.
 */
export function mailTransport(env: Env): MailTransport {
  if (env.SMTP_URL) return { smtpUrl: env.SMTP_URL, from: env.MAIL_FROM };
  return { outboxDir: resolve(env.MAIL_OUTBOX_DIR), from: env.MAIL_FROM };
}

/** The outbox folder, or null where /dev/mail must not exist (production, or real SMTP). */
export function devOutboxDir(env: Env): string | null {
  if (env.NODE_ENV === "production") return null;
  const transport = mailTransport(env);
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

let mailer: Mailer | undefined;

/** The app's mailer, configured from the environment on first use. */
export function getMailer(): Mailer {
  mailer ??= createMailer(mailTransport(getEnv()));
  return mailer;
}
