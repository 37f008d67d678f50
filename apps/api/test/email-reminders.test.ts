import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Task } from "@todo/contract/task";
import { createMailer } from "@todo/mail/mailer";
import { readOutbox } from "@todo/mail/outbox";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { App } from "../src/app";
import { createEmailChannel } from "../src/jobs/email-channel";
import type { DeliveredNotification, NotificationChannel } from "../src/jobs/notification-channels";
import { AUTH_URL, testApp, testUser } from "./helpers";

/** docs/api.md, Notification settings: reminders by email, read back from the outbox. */
let app: App;
let outboxDir: string;
let channel: NotificationChannel;
let web: pg.Pool;
beforeAll(async () => {
  outboxDir = mkdtempSync(join(tmpdir(), "todo-reminder-mail-"));
  app = await testApp();
  channel = createEmailChannel({
    repository: app.notificationChannels,
    mailer: createMailer({ outboxDir, from: "Todo <no-reply@localhost>" }),
    appUrl: AUTH_URL,
    log: app.log,
  });
  // Users are Better Auth's, written by the web app's role.
  web = new pg.Pool({ connectionString: inject("webDatabaseUrl"), max: 2 });
});
afterAll(async () => {
  await app.close();
  await web.end();
  rmSync(outboxDir, { recursive: true, force: true });
});

async function mailUser({ verified = true, email = true } = {}) {
  const user = await testUser(app);
  const address = `${user.userId}@example.test`;
  await web.query(
    `insert into "user" (id, name, email, email_verified) values ($1, 'Ada <b>', $2, $3)`,
    [user.userId, address, verified],
  );
  const response = await app.inject({
    method: "PUT",
    url: `/api/${encodeURIComponent(user.userId)}/notification-settings`,
    headers: user.headers,
    payload: { email },
  });
  expect(response.statusCode).toBe(200);
  const task = await user.createTask({
    title: "Pay rent & bills",
    due_date: "2026-12-07T09:00:00.000Z",
    time_zone: "Europe/Paris",
    reminders: [{ before_minutes: 10 }],
  });
  const notification = (overrides: Partial<DeliveredNotification> = {}): DeliveredNotification => ({
    id: 1,
    user_id: user.userId,
    task_id: task.id,
    title: task.title,
    due_date: task.due_date as string,
    fire_at: "2026-12-07T08:50:00.000Z",
    read: false,
    created_at: new Date().toISOString(),
    time_zone: task.time_zone,
    ...overrides,
  });
  const mailTo = async () =>
    (await readOutbox(outboxDir)).filter((message) => message.to === address);
  return { ...user, address, task: task as Task, notification, mailTo };
}

describe("the email channel", () => {
  it("mails one message per delivered reminder to a user who opted in, due time in the task's zone", async () => {
    const user = await mailUser();
    await channel.deliver(user.notification());
    const messages = await user.mailTo();
    expect(messages).toHaveLength(1);
    const [message] = messages;
    expect(message?.subject).toBe("Reminder: Pay rent & bills");
    expect(message?.from).toMatch(/^"?Todo"? <no-reply@localhost>$/);
    expect(message?.text).toContain("Hi Ada <b>,");
    // 09:00 UTC is 10:00 in Paris; ICU versions differ on the comma after the weekday.
    expect(message?.text).toMatch(
      /“Pay rent & bills” is due Monday,? 7 December 2026 at 10:00 \(Europe\/Paris\)\./,
    );
    expect(message?.links).toEqual([`${AUTH_URL}/tasks`, `${AUTH_URL}/settings`]);
    expect(message?.html).toContain("Hi Ada &lt;b&gt;,");
    expect(message?.html).toContain("Pay rent &amp; bills");
  });

  it("names the day alone for an all-day task", async () => {
    const user = await mailUser();
    await channel.deliver(user.notification({ due_date: "2026-12-24" }));
    const [message] = await user.mailTo();
    expect(message?.text).toMatch(/is due Thursday,? 24 December 2026\.\n/);
  });

  it("mails nothing when the setting is off, or the address is not verified", async () => {
    const off = await mailUser({ email: false });
    const unverified = await mailUser({ verified: false });
    const before = readdirSync(outboxDir).length;
    await channel.deliver(off.notification());
    await channel.deliver(unverified.notification());
    expect(await off.mailTo()).toEqual([]);
    expect(await unverified.mailTo()).toEqual([]);
    expect(readdirSync(outboxDir)).toHaveLength(before);
  });
});
