import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { tasksPath } from "./helpers";
import { type ApiProcess, kill, startApi } from "./support/api-process";
import { freshRequest } from "./support/fresh-request";
import { bearerFor, cutOff, endSessions, userWithSessions } from "./support/sessions";
import { TcpProxy } from "./support/tcp-proxy";

const INVALID_TOKEN = 'Bearer realm="todo", error="invalid_token"';
/** Far above the contract's 2 s: the condition is what is tested; the benchmark measures time. */
const WAIT = { timeout: 15_000, interval: 25 };

// As the web app, which owns users and sessions and writes the revocations.
const db = new pg.Pool({ connectionString: inject("webDatabaseUrl"), max: 2 });
afterAll(() => db.end());

/** GET the user's tasks on a connection of its own; its status. */
async function status(origin: string, userId: string, headers: { authorization: string }) {
  return (await freshRequest(new URL(tasksPath(userId), origin), { headers })).status;
}

async function expectRefused(origin: string, userId: string, headers: { authorization: string }) {
  const response = await freshRequest(new URL(tasksPath(userId), origin), { headers });
  expect(response.status).toBe(401);
  expect(response.headers["www-authenticate"]).toBe(INVALID_TOKEN);
}

async function readiness(origin: string) {
  const response = await freshRequest(new URL("/readyz", origin));
  return { status: response.status, body: JSON.parse(response.body) as { detail?: string } };
}

describe("two API processes", () => {
  let apis: ApiProcess[] = [];
  beforeAll(async () => {
    apis = await Promise.all([0, 1].map(() => startApi({ DATABASE_URL: inject("databaseUrl") })));
  });
  afterAll(() => Promise.all(apis.map(kill)));

  it("both refuse a session's tokens once it ends, and a user's earlier tokens after a cutoff", async () => {
    const { userId, sessionIds } = await userWithSessions(db, 2);
    const [ended, kept] = sessionIds as [string, string];
    const endedToken = await bearerFor(userId, ended);
    const keptToken = await bearerFor(userId, kept, Math.floor(Date.now() / 1000) - 10);
    for (const api of apis) {
      expect(await status(api.origin, userId, endedToken)).toBe(200);
      expect(await status(api.origin, userId, keptToken)).toBe(200);
    }

    await endSessions(db, ended);
    for (const api of apis) {
      await vi.waitFor(() => expectRefused(api.origin, userId, endedToken), WAIT);
      expect(await status(api.origin, userId, keptToken)).toBe(200);
    }

    await cutOff(db, userId, new Date());
    for (const api of apis) {
      await vi.waitFor(() => expectRefused(api.origin, userId, keptToken), WAIT);
    }
  });
});

describe("cluster mode (API_WORKERS=2)", () => {
  let api: ApiProcess;
  beforeAll(async () => {
    api = await startApi({ DATABASE_URL: inject("databaseUrl"), API_WORKERS: "2" });
  });
  afterAll(() => kill(api));

  it("every worker refuses a session's tokens once it ends", async () => {
    const { userId, sessionIds } = await userWithSessions(db, 1);
    const token = await bearerFor(userId, sessionIds[0]);
    // Connections go to the workers in turn: four in a row reach both. The second worker may
    // still be starting when the first is ready.
    const fourInARow = async () => {
      const statuses = [];
      for (let n = 0; n < 4; n++) statuses.push(await status(api.origin, userId, token));
      return statuses;
    };
    await vi.waitFor(async () => expect(await fourInARow()).toEqual([200, 200, 200, 200]), WAIT);

    await endSessions(db, ...sessionIds);
    await vi.waitFor(async () => expect(await fourInARow()).toEqual([401, 401, 401, 401]), WAIT);
  });
});

describe("the feed's connection cut and restored (DATABASE_DIRECT_URL through a proxy)", () => {
  let api: ApiProcess;
  let proxy: TcpProxy;
  beforeAll(async () => {
    const front = await TcpProxy.inFrontOf(inject("databaseUrl"));
    proxy = front.proxy;
    api = await startApi({ DATABASE_URL: inject("databaseUrl"), DATABASE_DIRECT_URL: front.url });
  });
  afterAll(async () => {
    await kill(api);
    await proxy.down();
  });

  it("reports the feed on /readyz and applies every revocation made while it was cut", async () => {
    const { userId, sessionIds } = await userWithSessions(db, 40);
    const tokens = await Promise.all(sessionIds.map((sid) => bearerFor(userId, sid)));
    const cutUser = await userWithSessions(db, 0);
    const cutUserToken = await bearerFor(
      cutUser.userId,
      undefined,
      Math.floor(Date.now() / 1000) - 10,
    );
    expect(await readiness(api.origin)).toEqual({ status: 200, body: { status: "ok" } });

    await proxy.down();
    await vi.waitFor(async () => {
      const { status, body } = await readiness(api.origin);
      expect(status).toBe(503);
      expect(body.detail).toBe("The revocation feed is not connected.");
    }, WAIT);
    // Sessions end while the process cannot hear of it: it still serves, with what it knew.
    await endSessions(db, ...sessionIds.slice(0, 10));
    await cutOff(db, cutUser.userId, new Date());
    expect(await status(api.origin, userId, tokens[0] as { authorization: string })).toBe(200);
    expect(await status(api.origin, cutUser.userId, cutUserToken)).toBe(200);

    // More end one by one while it reconnects, listens and reloads: before, during and after.
    await proxy.up();
    for (const sid of sessionIds.slice(10, 30)) await endSessions(db, sid);
    await vi.waitFor(async () => expect((await readiness(api.origin)).status).toBe(200), WAIT);

    // Ready means reloaded: what ended during the cut is refused at once.
    for (const token of tokens.slice(0, 10)) await expectRefused(api.origin, userId, token);
    await expectRefused(api.origin, cutUser.userId, cutUserToken);
    // Those that ended around the reconnect came with the reload or as notifications.
    for (const token of tokens.slice(10, 30)) {
      await vi.waitFor(() => expectRefused(api.origin, userId, token), WAIT);
    }
    for (const token of tokens.slice(30)) {
      expect(await status(api.origin, userId, token)).toBe(200);
    }
  });
});
