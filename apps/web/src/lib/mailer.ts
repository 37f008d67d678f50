import "server-only";
import { createMailer, type Mailer, mailTransport } from "@todo/mail/mailer";
import { getEnv } from "./env";

let mailer: Mailer | undefined;

/** The app's mailer, configured from the environment on first use. */
export function getMailer(): Mailer {
  mailer ??= createMailer(mailTransport(getEnv()));
  return mailer;
}
