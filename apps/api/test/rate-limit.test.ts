import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { BatchedRateLimitStore, localAllowance } from "../src/plugins/app/rate-limit-store";
import { authHeader, newUserId, tasksPath } from "./helpers";
import { type ApiProcess, kill, startApi } from "./support/api-process";

const pool = new pg.Pool({ connectionString: inject("databaseUrl"), max: 4 });
afterAll(() => pool.end());

/** A store as each API process has one; `flushIntervalMs` long unless a test needs flushes. */
function store(timeWindowMs = 60_000, flushIntervalMs = 3_600_000) {
  const errors: unknown[] = [];
  const created = new BatchedRateLimitStore(pool, {
    timeWindowMs,
    flushIntervalMs,
    onFlushError: (error) => errors.push(error),
  });
  return Object.assign(created, { errors });
}

function hit(target: BatchedRateLimitStore, key: string, max: number, timeWindow = 60_000) {
  return new Promise<{ current: number; ttl: number }>((resolve, reject) =>
    target.incr(
      key,
      (error, result) => (error || !result ? reject(error) : resolve(result)),
      timeWindow,
      max,
    ),
  );
}

async function storedCount(key: string): Promise<number | undefined> {
  const { rows } = await pool.query<{ count: number }>(
    "select count from rate_limits where key = $1",
    [key],
  );
  return rows[0]?.count;
}

describe("the batched rate-limit store", () => {
  it("confirms every request with the database when the limit is under 100", async () => {
    const key = `test:${randomUUID()}`;
    const [first, second] = [store(), store()];
    try {
      expect(localAllowance(99)).toBe(0);
      // Two processes counting one key: each answer is the combined count.
      expect((await hit(first, key, 99)).current).toBe(1);
      expect((await hit(second, key, 99)).current).toBe(2);
      expect((await hit(first, key, 99)).current).toBe(3);
      const concurrent = await Promise.all(Array.from({ length: 5 }, () => hit(second, key, 99)));
      expect(concurrent.map((r) => r.current).sort()).toEqual([4, 5, 6, 7, 8]);
      expect(await storedCount(key)).toBe(8);
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });

  it("answers from memory within the local allowance, and writes those hits when closed", async () => {
    const key = `test:${randomUUID()}`;
    const counting = store();
    expect(localAllowance(1_000)).toBe(10);
    for (let n = 1; n <= 10; n++) expect((await hit(counting, key, 1_000)).current).toBe(n);
    // No flush yet (the interval is an hour): nothing in the database.
    expect(await storedCount(key)).toBeUndefined();
    await counting.close();
    expect(await storedCount(key)).toBe(10);
    expect(counting.errors).toEqual([]);
  });

  it("makes a request past the local allowance wait for the other processes' counts", async () => {
    const key = `test:${randomUUID()}`;
    const [first, second] = [store(), store()];
    try {
      // The first process confirms 8 hits; the second, which has not seen them, admits 2 from
      // memory (its allowance at max 200), then the third waits for a flush that tells it 11.
      for (let n = 0; n < 8; n++) await hit(first, key, 50);
      expect((await hit(second, key, 200)).current).toBe(1);
      expect((await hit(second, key, 200)).current).toBe(2);
      expect((await hit(second, key, 200)).current).toBe(11);
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });

  it("keeps one fixed window per key, from its first request, and starts a new one after it", async () => {
    const key = `test:${randomUUID()}`;
    const windowMs = 1_000;
    const counting = store(windowMs, 50);
    try {
      const first = await hit(counting, key, 50, windowMs);
      expect(first.current).toBe(1);
      expect(first.ttl).toBeGreaterThan(0);
      expect(first.ttl).toBeLessThanOrEqual(windowMs);
      const second = await hit(counting, key, 50, windowMs);
      expect(second.current).toBe(2);
      expect(second.ttl).toBeLessThanOrEqual(first.ttl);
      // Every poll counts too, in the same window, until the window ends.
      await vi.waitFor(
        async () => expect((await hit(counting, key, 50, windowMs)).current).toBe(1),
        {
          timeout: 10_000,
          interval: 100,
        },
      );
    } finally {
      await counting.close();
    }
  });
});

describe("three API processes counting one user", () => {
  const LIMIT = 200;
  const PROCESSES = 3;
  const apis: ApiProcess[] = [];

  beforeAll(async () => {
    // One after the other: three starting at once on a busy 2-core machine can take too long.
    for (let n = 0; n < PROCESSES; n++) {
      apis.push(
        await startApi({
          DATABASE_URL: inject("databaseUrl"),
          RATE_LIMIT_PER_MINUTE: String(LIMIT),
        }),
      );
    }
  });
  afterAll(() => Promise.all(apis.map(kill)));

  it("admit the limit and at most one local allowance more per process", async () => {
    const userId = newUserId();
    const headers = await authHeader(userId);
    // Another user's tasks: a 403 from the guard, counted for `userId` but with no query of its
    // own, so only the limiter's flushes reach the database (a busy machine slows queries).
    const path = tasksPath(newUserId());
    const statuses: number[] = [];
    let limited: Response | undefined;
    // 6 clients per process, 25 requests each: 450 requests, within the minute's window.
    await Promise.all(
      apis.flatMap((api) =>
        Array.from({ length: 6 }, async () => {
          for (let n = 0; n < 25; n++) {
            const response = await fetch(new URL(path, api.origin), { headers });
            await response.arrayBuffer();
            statuses.push(response.status);
            if (response.status === 429) limited = response;
          }
        }),
      ),
    );
    const admitted = statuses.filter((status) => status === 403).length;
    expect(statuses.filter((status) => status !== 403 && status !== 429)).toEqual([]);
    expect(admitted).toBeGreaterThanOrEqual(LIMIT);
    expect(admitted).toBeLessThanOrEqual(LIMIT + PROCESSES * localAllowance(LIMIT));
    // The 429 as before: a problem document with Retry-After and the limit's headers.
    expect(limited?.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(Number(limited?.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(Number(limited?.headers.get("retry-after"))).toBeLessThanOrEqual(60);
    expect(limited?.headers.get("x-ratelimit-limit")).toBe(String(LIMIT));
    expect(limited?.headers.get("x-ratelimit-remaining")).toBe("0");
  }, 60_000);
});
