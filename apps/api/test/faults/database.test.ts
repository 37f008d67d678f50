import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { authHeader, newUserId, tasksPath } from "../helpers";
import { type ApiProcess, kill, startApi } from "../support/api-process";
import { type Attempt, loadTitle, startLoadOfNewUser, waitUntil } from "../support/create-load";
import { TcpProxy } from "../support/tcp-proxy";

/** The contract's bound for a 503 and for recovery, plus slack for a loaded 2-core machine. */
const CONTRACT_BOUND_MS = 5_000;
const SLACK_MS = 1_000;

const PROBLEM = /^application\/problem\+json/;

interface Probe {
  status: number;
  ms: number;
  retryAfter: string | null;
  contentType: string | null;
}

async function probe(url: string, init: RequestInit = {}): Promise<Probe> {
  const started = Date.now();
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(20_000) });
  await response.arrayBuffer();
  return {
    status: response.status,
    ms: Date.now() - started,
    retryAfter: response.headers.get("retry-after"),
    contentType: response.headers.get("content-type"),
  };
}

function expectUnavailable(response: {
  status: number | null;
  retryAfter?: string | null | undefined;
  contentType?: string | null | undefined;
}) {
  expect(response.status).toBe(503);
  expect(Number(response.retryAfter)).toBeGreaterThan(0);
  expect(response.contentType).toMatch(PROBLEM);
}

/** The real server, reaching PostgreSQL through a proxy that the tests cut and slow down. */
describe("database faults", () => {
  let proxy: TcpProxy;
  let api: ApiProcess;
  const direct = new pg.Pool({ connectionString: inject("databaseUrl"), max: 2 });

  beforeAll(async () => {
    const front = await TcpProxy.inFrontOf(inject("databaseUrl"));
    proxy = front.proxy;
    api = await startApi({ DATABASE_URL: front.url });
  });
  afterAll(async () => {
    await kill(api);
    await proxy.down();
    await direct.end();
  });

  /** Each user's tasks, straight from the database. */
  async function storedTasks(userId: string) {
    const { rows } = await direct.query<{ id: string; title: string }>(
      "select id, title from tasks where user_id = $1",
      [userId],
    );
    return rows.map((row) => ({ id: Number(row.id), title: row.title }));
  }

  it("answers 503 while the database is gone, recovers without a restart, and stores every acknowledged create exactly once", async () => {
    const { userId, authorization, load } = await startLoadOfNewUser(api.origin, true);
    await waitUntil(() => load.acknowledged.size >= 20, 30_000, "creates before the outage");

    await proxy.down();
    const cutAt = Date.now();
    // While it is gone: every probe, and every create of the load, is a prompt 503.
    for (const url of [`${api.origin}${tasksPath(userId)}`, `${api.origin}/readyz`]) {
      const response = await probe(url, { headers: { authorization } });
      expectUnavailable(response);
      expect(response.ms).toBeLessThan(CONTRACT_BOUND_MS);
    }
    await waitUntil(
      () => load.attempts.filter((a) => a.startedAt > cutAt && a.status === 503).length >= 30,
      30_000,
      "503s to the load during the outage",
    );
    expect((await probe(`${api.origin}/healthz`)).status).toBe(200);

    await proxy.up();
    const restoredAt = Date.now();
    await waitUntil(
      async () => (await probe(`${api.origin}/readyz`)).status === 200,
      CONTRACT_BOUND_MS + SLACK_MS,
      "readiness after the database returned",
    );
    const before = load.acknowledged.size;
    await waitUntil(
      () => load.acknowledged.size > before,
      CONTRACT_BOUND_MS + SLACK_MS,
      "a create after the database returned",
    );
    const recoveryMs = Date.now() - restoredAt;
    await waitUntil(() => load.acknowledged.size >= before + 20, 30_000, "creates after recovery");
    const { acknowledged, attempts } = await load.stop();
    console.info(`database outage: recovered in ${recoveryMs} ms, ${attempts.length} requests`);

    const outage = (a: Attempt) => a.startedAt > cutAt && a.endedAt < restoredAt;
    const duringOutage = attempts.filter(outage);
    for (const attempt of duringOutage) {
      expectUnavailable(attempt);
      expect(attempt.endedAt - attempt.startedAt).toBeLessThan(CONTRACT_BOUND_MS);
    }
    // Never anything but 201 or 503, and the process never went away.
    expect(attempts.filter((a) => a.status !== 201 && a.status !== 503)).toEqual([]);
    expect(api.child.exitCode).toBeNull();

    // Some keys were sent more than once; each acknowledged create is stored exactly once.
    expect(new Set(attempts.map((a) => a.key)).size).toBeLessThan(attempts.length);
    const stored = await storedTasks(userId);
    expect(stored).toHaveLength(acknowledged.size);
    expect(new Map(stored.map((task) => [task.title, task.id]))).toEqual(
      new Map([...acknowledged].map(([key, id]) => [loadTitle(key), id])),
    );
  });

  it("answers within bounds, with 503s, when the database is slow, and recovers", async () => {
    const userId = newUserId();
    const headers = await authHeader(userId);
    const url = `${api.origin}${tasksPath(userId)}`;
    expect((await probe(url, { headers })).status).toBe(200);

    proxy.latencyMs = 6_000;
    const responses = await Promise.all(Array.from({ length: 200 }, () => probe(url, { headers })));
    proxy.latencyMs = 0;

    const slowest = Math.max(...responses.map((r) => r.ms));
    console.info(`6 s of latency: 200 requests answered, the slowest in ${slowest} ms`);
    for (const response of responses) {
      expectUnavailable(response);
      expect(response.ms).toBeLessThan(CONTRACT_BOUND_MS + SLACK_MS);
    }
    await waitUntil(
      async () => (await probe(url, { headers })).status === 200,
      CONTRACT_BOUND_MS + SLACK_MS,
      "a list once the latency is gone",
    );
    expect(api.child.exitCode).toBeNull();
  });
});
