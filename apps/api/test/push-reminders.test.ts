import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { NotificationCollection } from "@todo/contract/notification";
import { createTestDatabase, type TestDatabase } from "@todo/db/test-database";
import { readOutbox } from "@todo/mail/outbox";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import webpush from "web-push";
import type { App } from "../src/app";
import { AUTH_URL, testApp, testUser } from "./helpers";
import { waitUntil } from "./support/create-load";
import { type PushService, startPushService } from "./support/push-service";

/**
 * A real reminder, fired by the job queue, reaching the user's browser through Web Push and
 * the user's inbox by email. Its own database: no other test file's worker takes the job.
 */
const VAPID = { ...webpush.generateVAPIDKeys(), subject: "mailto:tests@example.test" };
let database: TestDatabase;
let app: App;
let service: PushService;
let outboxDir: string;
let web: pg.Pool;
beforeAll(async () => {
  database = await createTestDatabase(inject("ownerDatabaseUrl"));
  outboxDir = mkdtempSync(join(tmpdir(), "todo-push-reminders-"));
  service = await startPushService();
  app = await testApp({
    databaseUrl: database.roleUrls.api,
    reminderPollIntervalMs: 100,
    vapid: VAPID,
    allowLoopbackPush: true,
    mail: { outboxDir, from: "Todo <no-reply@localhost>" },
  });
  web = new pg.Pool({ connectionString: database.roleUrls.web, max: 1 });
});
afterAll(async () => {
  await app?.close();
  await service?.close();
  await web?.end();
  await database?.drop();
  rmSync(outboxDir, { recursive: true, force: true });
});

async function user({ email }: { email: boolean }) {
  const created = await testUser(app);
  const base = `/api/${encodeURIComponent(created.userId)}`;
  const address = `${created.userId}@example.test`;
  await web.query(
    `insert into "user" (id, name, email, email_verified) values ($1, 'Ada', $2, true)`,
    [created.userId, address],
  );
  const browser = service.subscribe();
  const subscribed = await app.inject({
    method: "POST",
    url: `${base}/push-subscriptions`,
    headers: created.headers,
    payload: browser.json,
  });
  expect(subscribed.statusCode).toBe(201);
  const settings = await app.inject({
    method: "PUT",
    url: `${base}/notification-settings`,
    headers: created.headers,
    payload: { email },
  });
  expect(settings.statusCode).toBe(200);
  const path = new URL(browser.json.endpoint).pathname;
  /** Creates a task whose reminder is due now, and waits for its notification. */
  const remind = async (title: string) => {
    const task = await created.createTask({
      title,
      due_date: new Date(Date.now() - 30_000).toISOString(),
      reminders: [{ before_minutes: 0 }],
    });
    let notifications: NotificationCollection["items"] = [];
    await waitUntil(
      async () => {
        const response = await app.inject({
          url: `${base}/notifications`,
          headers: created.headers,
        });
        notifications = response.json<NotificationCollection>().items;
        return notifications.some((item) => item.task_id === task.id);
      },
      15_000,
      "the notification",
    );
    const notification = notifications.find((item) => item.task_id === task.id);
    await waitUntil(
      () => service.received.some((push) => push.path === path && push.payload.includes(title)),
      10_000,
      "the push",
    );
    return { task, notification };
  };
  const mail = async () =>
    (await readOutbox(outboxDir)).filter((message) => message.to === address);
  const pushes = () => service.received.filter((push) => push.path === path);
  return { ...created, remind, mail, pushes };
}

describe("a reminder fired by the job queue", () => {
  it("reaches the browser by Web Push, decrypted there, and the inbox by email when opted in", async () => {
    const ada = await user({ email: true });
    const { notification } = await ada.remind("Water the plants");

    expect(service.failures).toEqual([]);
    const pushes = ada.pushes();
    expect(pushes).toHaveLength(1);
    expect(JSON.parse(pushes[0]?.payload ?? "")).toEqual({ type: "reminder", notification });
    expect(pushes[0]?.claims.aud).toBe(service.origin);

    // The email is sent after the push: wait for it, then make sure only one came.
    await waitUntil(async () => (await ada.mail()).length > 0, 10_000, "the email");
    await new Promise((resolve) => setTimeout(resolve, 500));
    const messages = await ada.mail();
    expect(messages.map((message) => message.subject)).toEqual(["Reminder: Water the plants"]);
    expect(messages[0]?.links[0]).toBe(`${AUTH_URL}/tasks`);
  });

  it("sends no email when the setting is off, yet still pushes", async () => {
    const bob = await user({ email: false });
    await bob.remind("Call the bank");
    expect(bob.pushes()).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await bob.mail()).toEqual([]);
  });
});
