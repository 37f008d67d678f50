import type { PushSubscription } from "@todo/contract/notification-settings";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import webpush from "web-push";
import type { App } from "../src/app";
import type { DeliveredNotification, NotificationChannel } from "../src/jobs/notification-channels";
import { createPushChannel } from "../src/jobs/push-channel";
import { captureLogs, testApp, testUser } from "./helpers";
import {
  type BrowserSubscription,
  type PushService,
  startPushService,
} from "./support/push-service";

/** docs/api.md, Web Push: what reaches a browser's push service, checked as the browser would. */
const VAPID = { ...webpush.generateVAPIDKeys(), subject: "mailto:tests@example.test" };
const logs = captureLogs();
let app: App;
let service: PushService;
let channel: NotificationChannel;
let owner: pg.Pool;
beforeAll(async () => {
  app = await testApp({
    vapid: VAPID,
    allowLoopbackPush: true,
    logger: { level: "debug", destination: logs.stream },
  });
  service = await startPushService();
  channel = createPushChannel({
    repository: app.notificationChannels,
    vapid: VAPID,
    allowLoopbackHttp: true,
    log: app.log,
  });
  owner = new pg.Pool({ connectionString: inject("ownerDatabaseUrl"), max: 2 });
});
afterAll(async () => {
  await app.close();
  await service.close();
  await owner.end();
});

let nextId = 1;
function notificationFor(userId: string, title = "Pay rent"): DeliveredNotification {
  return {
    id: nextId++,
    user_id: userId,
    task_id: 42,
    title,
    due_date: "2026-12-07T09:00:00.000Z",
    fire_at: "2026-12-07T08:50:00.000Z",
    read: false,
    created_at: new Date().toISOString(),
    time_zone: "Europe/Paris",
  };
}

async function subscribedUser(browsers = 1) {
  const user = await testUser(app);
  const subscriptions: BrowserSubscription[] = [];
  for (let index = 0; index < browsers; index++) {
    const browser = service.subscribe();
    const response = await app.inject({
      method: "POST",
      url: `/api/${encodeURIComponent(user.userId)}/push-subscriptions`,
      headers: user.headers,
      payload: browser.json,
    });
    expect(response.statusCode).toBe(201);
    subscriptions.push(browser);
  }
  const stored = async () =>
    (
      await owner.query<{ endpoint: string }>(
        "select endpoint from push_subscriptions where user_id = $1 order by id",
        [user.userId],
      )
    ).rows.map((row) => row.endpoint);
  return { ...user, subscriptions, stored };
}

const pathOf = (browser: BrowserSubscription) => new URL(browser.json.endpoint).pathname;
const receivedAt = (browser: BrowserSubscription) =>
  service.received.filter((push) => push.path === pathOf(browser));

describe("the Web Push channel", () => {
  it("pushes the notification to each of the user's browsers, encrypted for each and signed with VAPID", async () => {
    const user = await subscribedUser(2);
    const bystander = await subscribedUser();
    const notification = notificationFor(user.userId);
    const before = Math.floor(Date.now() / 1000);

    await channel.deliver(notification);

    expect(service.failures).toEqual([]);
    // The owner and the zone (for the email's wording) are not pushed.
    const { user_id: _owner, time_zone: _zone, ...wire } = notification;
    for (const browser of user.subscriptions) {
      const [push, ...more] = receivedAt(browser);
      expect(more).toEqual([]);
      expect(JSON.parse(push?.payload ?? "")).toEqual({ type: "reminder", notification: wire });
      expect(push?.vapidKey).toBe(VAPID.publicKey);
      expect(push?.claims.aud).toBe(service.origin);
      expect(push?.claims.sub).toBe(VAPID.subject);
      // RFC 8292 §2: in the future, and no more than 24 hours ahead.
      expect(push?.claims.exp).toBeGreaterThan(before);
      expect(push?.claims.exp).toBeLessThanOrEqual(before + 24 * 3600 + 60);
      expect(push?.headers.ttl).toBe(String(24 * 3600));
      expect(push?.headers.urgency).toBe("high");
    }
    expect(receivedAt(bystander.subscriptions[0] as BrowserSubscription)).toEqual([]);
  });

  it("deletes a subscription the push service says is gone (410, 404), and keeps it on other errors", async () => {
    const gone = await subscribedUser();
    service.respondWith(410);
    await channel.deliver(notificationFor(gone.userId));
    expect(receivedAt(gone.subscriptions[0] as BrowserSubscription)).toHaveLength(1);
    expect(await gone.stored()).toEqual([]);

    const missing = await subscribedUser();
    service.respondWith(404);
    await channel.deliver(notificationFor(missing.userId));
    expect(await missing.stored()).toEqual([]);

    const failing = await subscribedUser();
    service.respondWith(503);
    await channel.deliver(notificationFor(failing.userId));
    expect(await failing.stored()).toHaveLength(1);
    service.respondWith(201);
    expect(service.failures).toEqual([]);
  });

  it("pushes nothing to a subscription past its expirationTime and deletes it; one not yet expired still gets it", async () => {
    const user = await testUser(app);
    const subscribe = async (expirationTime: number | null) => {
      const browser = service.subscribe();
      const response = await app.inject({
        method: "POST",
        url: `/api/${encodeURIComponent(user.userId)}/push-subscriptions`,
        headers: user.headers,
        payload: { ...browser.json, expirationTime },
      });
      expect(response.statusCode).toBe(201);
      return browser;
    };
    const expired = await subscribe(Date.now() - 1_000);
    const expiring = await subscribe(Date.now() + 3_600_000);
    const lasting = await subscribe(null);

    await channel.deliver(notificationFor(user.userId));

    expect(receivedAt(expired)).toEqual([]);
    expect(receivedAt(expiring)).toHaveLength(1);
    expect(receivedAt(lasting)).toHaveLength(1);
    const { rows } = await owner.query<{ endpoint: string }>(
      "select endpoint from push_subscriptions where user_id = $1 order by id",
      [user.userId],
    );
    expect(rows.map((row) => row.endpoint)).toEqual([
      expiring.json.endpoint,
      lasting.json.endpoint,
    ]);
    expect(logs.text()).toContain("web push subscription expired: deleted");
  });

  it("keeps delivering to the others when one push service cannot be reached", async () => {
    const user = await subscribedUser();
    const deadEndpoint = "http://127.0.0.1:9/push/unreachable";
    const response = await app.inject({
      method: "POST",
      url: `/api/${encodeURIComponent(user.userId)}/push-subscriptions`,
      headers: user.headers,
      payload: { ...(user.subscriptions[0] as BrowserSubscription).json, endpoint: deadEndpoint },
    });
    expect(response.json<PushSubscription>().id).toBeGreaterThan(0);
    await channel.deliver(notificationFor(user.userId));
    expect(receivedAt(user.subscriptions[0] as BrowserSubscription)).toHaveLength(1);
    expect(await user.stored()).toHaveLength(2);
  });

  it("logs no endpoint, key or title", async () => {
    const user = await subscribedUser();
    service.respondWith(410);
    await channel.deliver(notificationFor(user.userId, "Secret surprise party"));
    service.respondWith(201);
    const browser = user.subscriptions[0] as BrowserSubscription;
    const text = logs.text();
    expect(text).toContain("web push subscription gone");
    for (const secret of [
      pathOf(browser),
      browser.json.keys.p256dh,
      browser.json.keys.auth,
      VAPID.privateKey,
      "Secret surprise party",
    ]) {
      expect(text).not.toContain(secret);
    }
  });
});
