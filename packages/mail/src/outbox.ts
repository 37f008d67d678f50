/**
 * The development and test outbox: one RFC 5322 `.eml` file per message, in send order. Written
 * by the mailer when no SMTP server is configured; read by /dev/mail and the end-to-end tests.
 * Used by the web app, the API, and the tests that read what they sent.
 */
import { randomBytes } from "node:crypto";
import { mkdir, readdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";

export interface OutboxMessage {
  /** The file name: sortable by time of sending. */
  id: string;
  date: Date | undefined;
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The addresses in the plain-text part, in order. */
  links: string[];
}

/** Stores one raw message; it appears complete or not at all (written aside, then renamed). */
export async function writeOutboxMessage(dir: string, raw: Buffer): Promise<string> {
  await mkdir(dir, { recursive: true });
  const id = `${new Date().toISOString().replace(/[:.]/g, "-")}-${randomBytes(4).toString("hex")}.eml`;
  const partial = join(dir, `.${id}.partial`);
  await writeFile(partial, raw, { mode: 0o600 });
  await rename(partial, join(dir, id));
  return id;
}

/** Every message in the outbox, newest first; an outbox never written to is empty. */
export async function readOutbox(dir: string): Promise<OutboxMessage[]> {
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return [];
    throw error;
  });
  const ids = names
    .filter((name) => name.endsWith(".eml"))
    .sort()
    .reverse();
  return Promise.all(ids.map(async (id) => parseMessage(id, await readFile(join(dir, id)))));
}

async function parseMessage(id: string, raw: Buffer): Promise<OutboxMessage> {
  // Loaded here, not with the module: the mailer writes to the outbox on every auth request path,
  // and the parser (with its HTML and link libraries) is only for reading it back.
  const { simpleParser } = await import("mailparser");
  const mail = await simpleParser(raw);
  const text = mail.text ?? "";
  return {
    id,
    date: mail.date,
    from: mail.from?.text ?? "",
    to: [mail.to ?? []]
      .flat()
      .map((address) => address.text)
      .join(", "),
    subject: mail.subject ?? "",
    text,
    html: typeof mail.html === "string" ? mail.html : "",
    links: text.match(/https?:\/\/\S+/g) ?? [],
  };
}
