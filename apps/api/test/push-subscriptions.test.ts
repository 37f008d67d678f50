import type { NotificationSettings, PushSubscription } from "@todo/contract/notification-settings";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import webpush from "web-push";
import type { App } from "../src/app";
import { expectProblem, tasksPath, testApp, testUser } from "./helpers";
import { browserSubscription } from "./support/push-service";
import { bearerFor, cutOff, endSessions, userWithSessions } from "./support/sessions";

/** docs/api.md, Notification settings and Web Push: the endpoints. */
const VAPID = { ...webpush.generateVAPIDKeys(), subject: "mailto:tests@example.test" };
let app: App;
let owner: pg.Pool;
// As the web app, which owns sessions and writes the revocations.
let web: pg.Pool;
beforeAll(async () => {
  app = await testApp({ vapid: VAPID, allowLoopbackPush: true });
  owner = new pg.Pool({ connectionString: inject("ownerDatabaseUrl"), max: 2 });
  web = new pg.Pool({ connectionString: inject("webDatabaseUrl"), max: 2 });
});
afterAll(async () => {
  await app.close();
  await owner.end();
  await web.end();
});

const settingsPath = (userId: string) => `/api/${encodeURIComponent(userId)}/notification-settings`;
const subscriptionsPath = (userId: string) =>
  `/api/${encodeURIComponent(userId)}/push-subscriptions`;

async function pushUser() {
  const user = await testUser(app);
  const subscribe = (payload: unknown, extra: Record<string, string> = {}) =>
    app.inject({
      method: "POST",
      url: subscriptionsPath(user.userId),
      headers: { ...user.headers, ...extra },
      payload: payload as Record<string, unknown>,
    });
  const unsubscribe = (id: number | string) =>
    app.inject({
      method: "DELETE",
      url: `${subscriptionsPath(user.userId)}/${id}`,
      headers: user.headers,
    });
  const getSettings = () => app.inject({ url: settingsPath(user.userId), headers: user.headers });
  const putSettings = (payload: unknown, extra: Record<string, string> = {}) =>
    app.inject({
      method: "PUT",
      url: settingsPath(user.userId),
      headers: { ...user.headers, ...extra },
      payload: payload as Record<string, unknown>,
    });
  const stored = async () =>
    (
      await owner.query<{ id: string; endpoint: string; p256dh: string; auth: string }>(
        "select id, endpoint, p256dh, auth from push_subscriptions where user_id = $1 order by id",
        [user.userId],
      )
    ).rows;
  return { ...user, subscribe, unsubscribe, getSettings, putSettings, stored };
}

const endpoint = (host = "https://push.example.com") =>
  `${host}/send/${Math.random().toString(36).slice(2)}`;

describe("GET and PUT /api/{user_id}/notification-settings", () => {
  it("has email off and the VAPID public key until the user chooses", async () => {
    const { getSettings, putSettings } = await pushUser();
    const first = await getSettings();
    expect(first.statusCode).toBe(200);
    expect(first.json<NotificationSettings>()).toEqual({
      email: false,
      push_public_key: VAPID.publicKey,
    });
    const changed = await putSettings({ email: true });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toEqual({ email: true, push_public_key: VAPID.publicKey });
    expect((await getSettings()).json()).toEqual({ email: true, push_public_key: VAPID.publicKey });
    expect((await putSettings({ email: false })).json()).toMatchObject({ email: false });
    expect((await getSettings()).json()).toMatchObject({ email: false });
  });

  it("answers null for the key when push is not configured", async () => {
    const withoutPush = await testApp();
    try {
      const { userId, headers } = await testUser(withoutPush);
      const response = await withoutPush.inject({ url: settingsPath(userId), headers });
      expect(response.json()).toEqual({ email: false, push_public_key: null });
    } finally {
      await withoutPush.close();
    }
  });

  it("refuses unknown keys, missing or non-boolean values, bad JSON and other media types", async () => {
    const { putSettings, getSettings } = await pushUser();
    for (const body of [{ email: true, push_public_key: "x" }, {}, { email: "yes" }, []]) {
      const problem = expectProblem(await putSettings(body), 422);
      expect(problem.errors?.length).toBeGreaterThan(0);
    }
    expectProblem(await putSettings("{oops", { "content-type": "application/json" }), 400);
    expectProblem(await putSettings("email=true", { "content-type": "text/plain" }), 415);
    expectProblem(await putSettings({ email: true, pad: "x".repeat(17 * 1024) }), 413);
    expect((await getSettings()).json()).toMatchObject({ email: false });
  });
});

describe("POST /api/{user_id}/push-subscriptions", () => {
  it("creates a subscription with Location, and answers 200 with the same id for the same endpoint", async () => {
    const { userId, subscribe, stored } = await pushUser();
    const browser = browserSubscription(endpoint());
    const created = await subscribe(browser.json);
    expect(created.statusCode).toBe(201);
    const subscription = created.json<PushSubscription>();
    expect(subscription).toEqual({
      id: expect.any(Number),
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    });
    expect(created.headers.location).toBe(
      `/api/${encodeURIComponent(userId)}/push-subscriptions/${subscription.id}`,
    );

    const renewed = browserSubscription(browser.json.endpoint);
    const again = await subscribe(renewed.json);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(subscription);
    expect(again.headers.location).toBe(created.headers.location);
    expect(await stored()).toEqual([
      {
        id: String(subscription.id),
        endpoint: browser.json.endpoint,
        p256dh: renewed.json.keys.p256dh,
        auth: renewed.json.keys.auth,
      },
    ]);
  });

  it("moves an endpoint another user had to the user who subscribes it now", async () => {
    const first = await pushUser();
    const second = await pushUser();
    const browser = browserSubscription(endpoint());
    const mine = (await first.subscribe(browser.json)).json<PushSubscription>();
    const moved = await second.subscribe(browser.json);
    expect(moved.statusCode).toBe(201);
    expect(await first.stored()).toEqual([]);
    expect((await second.stored()).map((row) => row.endpoint)).toEqual([browser.json.endpoint]);
    expectProblem(await first.unsubscribe(mine.id), 404);
  });

  it("ends a subscription with its session, and at a user-wide cutoff the ones made before it", async () => {
    const { userId, sessionIds } = await userWithSessions(web, 3);
    const [signedOut, kept, later] = sessionIds as [string, string, string];
    const bystander = await pushUser();
    const subscribeAs = async (headers: { authorization: string }) => {
      const browser = browserSubscription(endpoint());
      const response = await app.inject({
        method: "POST",
        url: subscriptionsPath(userId),
        headers,
        payload: browser.json,
      });
      expect(response.statusCode).toBe(201);
      return browser.json.endpoint;
    };
    const stored = async () =>
      (
        await owner.query<{ endpoint: string }>(
          "select endpoint from push_subscriptions where user_id = $1 order by id",
          [userId],
        )
      ).rows.map((row) => row.endpoint);
    const fromSignedOut = await subscribeAs(await bearerFor(userId, signedOut));
    const fromKept = await subscribeAs(await bearerFor(userId, kept));
    const withoutSid = await subscribeAs(await bearerFor(userId));
    await bystander.subscribe(browserSubscription(endpoint()).json);
    expect(await stored()).toEqual([fromSignedOut, fromKept, withoutSid]);

    await endSessions(web, signedOut);
    expect(await stored()).toEqual([fromKept, withoutSid]);

    const cutoff = new Date();
    await cutOff(web, userId, cutoff);
    const afterCutoff = await subscribeAs(
      await bearerFor(userId, later, Math.floor(cutoff.getTime() / 1000) + 1),
    );
    expect(await stored()).toEqual([afterCutoff]);
    expect(await bystander.stored()).toHaveLength(1);
  });

  it("refuses a subscribe whose session ended before this process heard of it", async () => {
    const { userId, sessionIds } = await userWithSessions(web, 4);
    const [ended, renewing, cutOffSession, later] = sessionIds as [string, string, string, string];
    const stored = async () =>
      (
        await owner.query<{ endpoint: string; session_id: string }>(
          "select endpoint, session_id from push_subscriptions where user_id = $1 order by id",
          [userId],
        )
      ).rows;
    const subscribeAs = (
      headers: { authorization: string },
      json = browserSubscription(endpoint()).json,
    ) => app.inject({ method: "POST", url: subscriptionsPath(userId), headers, payload: json });
    const renewed = browserSubscription(endpoint()).json;
    expect((await subscribeAs(await bearerFor(userId, renewing), renewed)).statusCode).toBe(201);

    // The rows as the web app writes them, but with triggers off: no NOTIFY reaches the feed, as
    // in the seconds before it does, and migration 0016's trigger finds nothing to delete yet.
    const iat = Math.floor(Date.now() / 1000) - 60;
    const unheard = async (sessionId: string | null, revokedAt: Date) => {
      const client = await owner.connect();
      try {
        await client.query("begin");
        await client.query("set local session_replication_role = replica");
        await client.query(
          "insert into revocations (user_id, session_id, revoked_at) values ($1, $2, $3)",
          [userId, sessionId, revokedAt],
        );
        await client.query("commit");
      } finally {
        client.release();
      }
    };
    await unheard(ended, new Date());
    await unheard(null, new Date(iat * 1000));
    const endedToken = await bearerFor(userId, ended, iat + 1);
    // This process still accepts the token everywhere else.
    const listed = await app.inject({ url: tasksPath(userId), headers: endedToken });
    expect(listed.statusCode).toBe(200);

    for (const headers of [
      endedToken,
      // A cutoff in the second the token was issued refuses it, as the API's check does.
      await bearerFor(userId, cutOffSession, iat),
      await bearerFor(userId, undefined, iat - 1),
    ]) {
      const refused = expectProblem(await subscribeAs(headers), 401);
      expect(refused.detail).toBe("The bearer token is invalid or expired.");
    }
    // A renewal from the ended session does not take the subscription over either.
    const renewal = await subscribeAs(endedToken, renewed);
    expectProblem(renewal, 401);
    expect(renewal.headers["www-authenticate"]).toBe('Bearer realm="todo", error="invalid_token"');
    expect(await stored()).toEqual([{ endpoint: renewed.endpoint, session_id: renewing }]);

    // A token issued after the cutoff, of a session that has not ended, subscribes.
    const fresh = browserSubscription(endpoint()).json;
    expect((await subscribeAs(await bearerFor(userId, later, iat + 1), fresh)).statusCode).toBe(
      201,
    );
    expect((await stored()).map((row) => row.endpoint)).toEqual([renewed.endpoint, fresh.endpoint]);
  });

  it("refuses the 21st subscription with a 409 problem, yet renews an existing one", async () => {
    const { subscribe, stored } = await pushUser();
    const browsers = Array.from({ length: 20 }, () => browserSubscription(endpoint()));
    const created = await Promise.all(browsers.map((browser) => subscribe(browser.json)));
    expect(created.map((response) => response.statusCode)).toEqual(Array(20).fill(201));
    const problem = expectProblem(await subscribe(browserSubscription(endpoint()).json), 409);
    expect(problem.detail).toMatch(/20/);
    expect((await subscribe((browsers[3] as (typeof browsers)[number]).json)).statusCode).toBe(200);
    expect(await stored()).toHaveLength(20);
  });

  it("refuses endpoints the server must not call (SSRF) with a 422 on endpoint", async () => {
    const { subscribe, stored } = await pushUser();
    for (const url of [
      "not a url",
      "http://push.example.com/send/1",
      "ftp://push.example.com/send/1",
      "https://push.example.com:8443/send/1",
      "https://user:pw@push.example.com/send/1",
      "https://localhost/send/1",
      "https://api.localhost/send/1",
      "https://intranet/send/1",
      "https://127.0.0.1/send/1",
      "https://10.1.2.3/send/1",
      "https://169.254.169.254/latest/meta-data",
      "https://192.168.1.1/send/1",
      "https://[::1]/send/1",
      "https://[fd00::1]/send/1",
      "https://[::ffff:127.0.0.1]/send/1",
      "http://10.0.0.1/send/1",
      "http://127.0.0.2/send/1",
      `https://push.example.com/${"x".repeat(2048)}`,
    ]) {
      const problem = expectProblem(await subscribe(browserSubscription(url).json), 422);
      expect(
        problem.errors?.map((error) => error.path),
        url,
      ).toEqual(["endpoint"]);
    }
    expect(await stored()).toEqual([]);
  });

  it("accepts the loopback over http only outside production", async () => {
    const production = await testApp({ vapid: VAPID, allowLoopbackPush: false });
    try {
      const { userId, headers } = await testUser(production);
      const refused = await production.inject({
        method: "POST",
        url: subscriptionsPath(userId),
        headers,
        payload: browserSubscription("http://127.0.0.1:9/push/1").json,
      });
      expect(expectProblem(refused, 422).errors?.[0]?.path).toBe("endpoint");
    } finally {
      await production.close();
    }
    const { subscribe } = await pushUser();
    for (const host of ["http://127.0.0.1:9", "http://localhost:9", "http://[::1]:9"]) {
      expect((await subscribe(browserSubscription(endpoint(host)).json)).statusCode).toBe(201);
    }
  });

  it("refuses keys of the wrong length or encoding, points off the curve, and unknown keys", async () => {
    const { subscribe, stored } = await pushUser();
    const valid = browserSubscription(endpoint()).json;
    const withKeys = (keys: Record<string, unknown>) => ({
      ...valid,
      keys: { ...valid.keys, ...keys },
    });
    const offCurve = Buffer.alloc(65, 1);
    offCurve[0] = 4;
    const cases: [unknown, string][] = [
      [withKeys({ p256dh: valid.keys.p256dh.slice(0, 80) }), "keys.p256dh"],
      [withKeys({ p256dh: Buffer.alloc(33, 2).toString("base64url") }), "keys.p256dh"],
      [withKeys({ p256dh: `${valid.keys.p256dh.slice(0, 86)}!` }), "keys.p256dh"],
      [withKeys({ p256dh: offCurve.toString("base64url") }), "keys.p256dh"],
      [withKeys({ auth: Buffer.alloc(15).toString("base64url") }), "keys.auth"],
      [withKeys({ auth: Buffer.alloc(17).toString("base64url") }), "keys.auth"],
      [withKeys({ extra: "x" }), "keys.extra"],
      [{ ...valid, keys: undefined }, "keys"],
      [{ ...valid, endpoint: undefined }, "endpoint"],
      [{ ...valid, expirationTime: "soon" }, "expirationTime"],
      [{ ...valid, id: 5 }, "id"],
    ];
    for (const [payload, path] of cases) {
      const problem = expectProblem(await subscribe(payload), 422);
      expect(
        problem.errors?.map((error) => error.path),
        JSON.stringify(payload),
      ).toEqual([path]);
    }
    expectProblem(await subscribe("{oops", { "content-type": "application/json" }), 400);
    expectProblem(await subscribe("endpoint=x", { "content-type": "text/plain" }), 415);
    expectProblem(await subscribe({ ...valid, pad: "x".repeat(17 * 1024) }), 413);
    expect(await stored()).toEqual([]);
    // Padded base64url, as some libraries send it, is the same key.
    const padded = withKeys({ auth: Buffer.alloc(16, 7).toString("base64") });
    expect((await subscribe(padded)).statusCode).toBe(201);
  });
});

describe("DELETE /api/{user_id}/push-subscriptions/{id}", () => {
  it("deletes the user's subscription once, then answers 404", async () => {
    const { subscribe, unsubscribe, stored } = await pushUser();
    const { id } = (await subscribe(browserSubscription(endpoint()).json)).json<PushSubscription>();
    const deleted = await unsubscribe(id);
    expect(deleted.statusCode).toBe(204);
    expect(deleted.body).toBe("");
    expect(await stored()).toEqual([]);
    expectProblem(await unsubscribe(id), 404);
    expectProblem(await unsubscribe("99999999999999999999"), 404);
    expect(expectProblem(await unsubscribe("abc"), 422).errors?.[0]?.path).toBe("id");
  });

  it("hides another user's subscription behind a 404", async () => {
    const mine = await pushUser();
    const other = await pushUser();
    const { id } = (
      await other.subscribe(browserSubscription(endpoint()).json)
    ).json<PushSubscription>();
    expectProblem(await mine.unsubscribe(id), 404);
    expect(await other.stored()).toHaveLength(1);
  });
});

describe("authentication and ownership", () => {
  it("answers 401 without a token and 403 on another user's path, before validation", async () => {
    const other = await pushUser();
    const { headers } = await pushUser();
    const { id } = (
      await other.subscribe(browserSubscription(endpoint()).json)
    ).json<PushSubscription>();
    const requests = [
      { method: "GET" as const, url: settingsPath(other.userId) },
      { method: "PUT" as const, url: settingsPath(other.userId), payload: { nope: 1 } },
      { method: "POST" as const, url: subscriptionsPath(other.userId), payload: { nope: 1 } },
      { method: "DELETE" as const, url: `${subscriptionsPath(other.userId)}/${id}` },
      { method: "DELETE" as const, url: `${subscriptionsPath(other.userId)}/abc` },
    ];
    for (const request of requests) {
      const unauthenticated = await app.inject(request);
      expectProblem(unauthenticated, 401);
      expect(unauthenticated.headers["www-authenticate"]).toBe('Bearer realm="todo"');
      expectProblem(await app.inject({ ...request, headers }), 403);
    }
    expect(await other.stored()).toHaveLength(1);
  });
});

describe("the routes without a body", () => {
  it("answer a body that is not JSON, or too large, as documented, and change nothing", async () => {
    const user = await pushUser();
    const { id } = (
      await user.subscribe(browserSubscription(endpoint()).json)
    ).json<PushSubscription>();
    const document = (await app.inject({ url: "/openapi.json" })).json();
    const userPath = `/api/${encodeURIComponent(user.userId)}`;
    for (const [method, url, documentedPath] of [
      ["POST", `${userPath}/notifications/1/read`, "/api/{user_id}/notifications/{id}/read"],
      ["POST", `${userPath}/notifications/read-all`, "/api/{user_id}/notifications/read-all"],
      [
        "DELETE",
        `${subscriptionsPath(user.userId)}/${id}`,
        "/api/{user_id}/push-subscriptions/{id}",
      ],
    ] as const) {
      const documented = Object.keys(
        document.paths[documentedPath][method.toLowerCase()].responses,
      );
      for (const [status, extra, payload] of [
        [415, { "content-type": "text/plain" }, "x"],
        [400, { "content-type": "application/json" }, "{"],
        [413, { "content-type": "application/json" }, `"${"x".repeat(17 * 1024)}"`],
      ] as const) {
        const headers = { ...user.headers, ...extra };
        expectProblem(await app.inject({ method, url, headers, payload }), status);
        expect(documented, `${method} ${documentedPath}`).toContain(String(status));
      }
    }
    expect(await user.stored()).toHaveLength(1);
  });
});

describe("DELETE /api/{user_id}", () => {
  it("deletes the user's push subscriptions and notification settings too", async () => {
    const { userId, headers, subscribe, putSettings, getSettings, stored } = await pushUser();
    await subscribe(browserSubscription(endpoint()).json);
    await putSettings({ email: true });
    const response = await app.inject({
      method: "DELETE",
      url: `/api/${encodeURIComponent(userId)}`,
      headers,
    });
    expect(response.statusCode).toBe(204);
    expect(await stored()).toEqual([]);
    expect((await getSettings()).json()).toMatchObject({ email: false });
    const { rows } = await owner.query("select 1 from notification_settings where user_id = $1", [
      userId,
    ]);
    expect(rows).toEqual([]);
    expect((await app.inject({ url: tasksPath(userId), headers })).statusCode).toBe(200);
  });
});
