import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startSmtpSink } from "@todo/stack/smtp-sink";
import { simpleParser } from "mailparser";
import { afterEach, describe, expect, it } from "vitest";
import { createMailer, devOutboxDir, type MailSettings, mailTransport } from "../src/mailer";
import { readOutbox } from "../src/outbox";

const FROM = "Todo <no-reply@localhost>";
/** The variables as packages/config parses them: MAIL_FROM and MAIL_OUTBOX_DIR have defaults. */
const settings = (overrides: Partial<MailSettings>): MailSettings => ({
  NODE_ENV: "development",
  MAIL_FROM: FROM,
  MAIL_OUTBOX_DIR: ".data/mail",
  ...overrides,
});
const MAIL = {
  to: "ada@example.test",
  subject: "Confirm your email address",
  text: "Hi Ada,\n\nhttp://localhost:3000/api/auth/verify-email?token=abc",
  html: '<p>Hi Ada,</p><p><a href="http://localhost:3000/api/auth/verify-email?token=abc">Confirm</a></p>',
};

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "todo-mail-test-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("mailTransport", () => {
  it("uses the outbox without SMTP_URL, and SMTP with it", () => {
    const outboxDir = tempDir();
    const local = settings({
      MAIL_OUTBOX_DIR: outboxDir,
    });
    expect(mailTransport(local)).toEqual({ outboxDir, from: "Todo <no-reply@localhost>" });
    expect(devOutboxDir(local)).toBe(outboxDir);

    const smtp = settings({
      SMTP_URL: "smtps://user:pw@mail.example.com:465",
      MAIL_FROM: "Tasks <tasks@example.com>",
    });
    expect(mailTransport(smtp)).toEqual({
      smtpUrl: "smtps://user:pw@mail.example.com:465",
      from: "Tasks <tasks@example.com>",
    });
    expect(devOutboxDir(smtp)).toBeNull();
  });

  it("has no development outbox in production", () => {
    const production = settings({
      NODE_ENV: "production",
      SMTP_URL: "smtp://mail.example.com:587",
    });
    expect(devOutboxDir(production)).toBeNull();
  });
});

describe("the outbox", () => {
  it("writes each message as one RFC 5322 .eml file with a plain-text and an HTML part", async () => {
    const dir = tempDir();
    await createMailer({ outboxDir: dir, from: "Todo <no-reply@localhost>" }).send(MAIL);

    const files = readdirSync(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/\.eml$/);
    const raw = readFileSync(join(dir, files[0] as string));
    // RFC 5322 lines end in CRLF.
    expect(raw.toString("latin1")).not.toMatch(/[^\r]\n/);
    const parsed = await simpleParser(raw);
    expect(parsed.from?.value).toEqual([{ name: "Todo", address: "no-reply@localhost" }]);
    expect(parsed.subject).toBe(MAIL.subject);
    expect(parsed.text?.trim()).toBe(MAIL.text);
    expect(parsed.html).toBe(MAIL.html);
    expect(parsed.messageId).toBeTruthy();
    expect(parsed.date).toBeInstanceOf(Date);
  });

  it("lists messages newest first with the links of their text part", async () => {
    const dir = tempDir();
    const mailer = createMailer({ outboxDir: dir, from: "Todo <no-reply@localhost>" });
    await mailer.send(MAIL);
    await mailer.send({ ...MAIL, to: "bob@example.test", subject: "Second" });

    const messages = await readOutbox(dir);
    expect(messages.map((message) => [message.to, message.subject])).toEqual([
      ["bob@example.test", "Second"],
      ["ada@example.test", MAIL.subject],
    ]);
    expect(messages[1]?.links).toEqual(["http://localhost:3000/api/auth/verify-email?token=abc"]);
  });

  it("reads an outbox that was never written to as empty", async () => {
    expect(await readOutbox(join(tempDir(), "missing"))).toEqual([]);
  });
});

describe("SMTP", () => {
  it("sends through the SMTP server of SMTP_URL, logging in with its credentials", async () => {
    const sink = await startSmtpSink();
    const outboxDir = tempDir();
    try {
      const env = settings({
        SMTP_URL: sink.url,
        MAIL_OUTBOX_DIR: outboxDir,
      });
      await createMailer(mailTransport(env)).send(MAIL);

      expect(sink.messages).toHaveLength(1);
      const parsed = await simpleParser(sink.messages[0] as string);
      expect(parsed.to).toMatchObject({ text: MAIL.to });
      expect(parsed.subject).toBe(MAIL.subject);
      expect(parsed.text?.trim()).toBe(MAIL.text);
      expect(parsed.html).toBe(MAIL.html);
      expect(readdirSync(outboxDir)).toEqual([]);
    } finally {
      await sink.close();
    }
  });

  it("fails the send when the server refuses the credentials", async () => {
    const sink = await startSmtpSink("mailer", "right");
    try {
      const wrong = sink.url.replace(":right@", ":wrong@");
      const mailer = createMailer({ smtpUrl: wrong, from: "Todo <no-reply@localhost>" });
      await expect(mailer.send(MAIL)).rejects.toThrow(/Invalid login|Invalid username/);
      expect(sink.messages).toEqual([]);
    } finally {
      await sink.close();
    }
  });
});
