import { readFileSync } from "node:fs";
import { type AddressInfo, createServer } from "node:net";
import type { Task } from "@todo/contract/task";
import { freePort } from "@todo/db/embedded";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { authHeader, newUserId, TEST_SECRET, tasksPath } from "./helpers";
import { type ApiProcess, kill, startApi, startServer } from "./support/api-process";
import { waitUntil } from "./support/create-load";
import { freshRequest } from "./support/fresh-request";
import { TcpProxy } from "./support/tcp-proxy";

const LIMIT = 20;

/** `LIMIT + 10` list requests by one new user, each on its own connection; their statuses. */
async function exhaustLimit(origin: string): Promise<number[]> {
  const userId = newUserId();
  const headers = await authHeader(userId);
  const statuses: number[] = [];
  for (let n = 0; n < LIMIT + 10; n++) {
    statuses.push((await freshRequest(new URL(tasksPath(userId), origin), { headers })).status);
  }
  return statuses;
}

const count = (statuses: number[], status: number) => statuses.filter((s) => s === status).length;

describe("two API processes behind one port (a round-robin proxy)", () => {
  let apis: ApiProcess[] = [];
  let proxy: TcpProxy;
  let origin: string;
  const direct = new pg.Pool({ connectionString: inject("databaseUrl"), max: 1 });

  beforeAll(async () => {
    apis = await Promise.all(
      [0, 1].map(() =>
        startApi({ DATABASE_URL: inject("databaseUrl"), RATE_LIMIT_PER_MINUTE: String(LIMIT) }),
      ),
    );
    proxy = new TcpProxy(apis.map((api) => ({ host: "127.0.0.1", port: api.port })));
    await proxy.up();
    origin = `http://127.0.0.1:${proxy.port}`;
  });
  afterAll(async () => {
    await proxy.down();
    await Promise.all(apis.map(kill));
    await direct.end();
  });

  it("accept the same token in turn, and see each other's writes", async () => {
    const userId = newUserId();
    const headers = await authHeader(userId);
    const created = await freshRequest(new URL(tasksPath(userId), origin), {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: JSON.stringify({ title: "written by one" }),
    });
    expect(created.status).toBe(201);
    for (let n = 0; n < 4; n++) {
      const listed = await freshRequest(new URL(tasksPath(userId), origin), { headers });
      expect(listed.status).toBe(200);
      expect(JSON.parse(listed.body)).toMatchObject({ total: 1 });
    }
  });

  it("create one task for one Idempotency-Key sent through both at once", async () => {
    const userId = newUserId();
    const headers = {
      ...(await authHeader(userId)),
      "content-type": "application/json",
      "idempotency-key": "same-key-twice-each",
    };
    const responses = await Promise.all(
      Array.from({ length: 4 }, () =>
        freshRequest(new URL(tasksPath(userId), origin), {
          method: "POST",
          headers,
          body: JSON.stringify({ title: "once" }),
        }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    const ids = new Set(responses.map((r) => (JSON.parse(r.body) as Task).id));
    expect(ids.size).toBe(1);
    const { rows } = await direct.query("select id from tasks where user_id = $1", [userId]);
    expect(rows).toHaveLength(1);

    const reused = await freshRequest(new URL(tasksPath(userId), origin), {
      method: "POST",
      headers,
      body: JSON.stringify({ title: "another body" }),
    });
    expect(reused.status).toBe(409);
  });

  it("share one rate limit: the combined count is limited, not each process's", async () => {
    const statuses = await exhaustLimit(origin);
    expect(count(statuses, 200)).toBe(LIMIT);
    expect(count(statuses, 429)).toBe(10);
  });
});

/** The node processes that `pid` forked (Linux). */
function children(pid: number): number[] {
  return readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8")
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map(Number);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("cluster mode (API_WORKERS=2)", () => {
  let api: ApiProcess | undefined;
  afterAll(() => kill(api));

  // `/readyz` needs only one worker: the other may still be starting when SIGTERM arrives.
  it("serves from two workers on one port with one limit, and exits 0 on SIGTERM", async () => {
    api = await startApi({
      DATABASE_URL: inject("databaseUrl"),
      RATE_LIMIT_PER_MINUTE: String(LIMIT),
      API_WORKERS: "2",
    });
    const workers = children(api.child.pid as number);
    expect(workers).toHaveLength(2);

    const statuses = await exhaustLimit(api.origin);
    expect(count(statuses, 200)).toBe(LIMIT);
    expect(count(statuses, 429)).toBe(10);

    api.child.kill("SIGTERM");
    const { code } = await api.exited;
    expect(code).toBe(0);
    expect(workers.filter(isRunning)).toEqual([]);
  });

  it("exits 0 on SIGTERM while its workers are still starting", async () => {
    const { child, output, exited } = startServer({
      BETTER_AUTH_SECRET: TEST_SECRET,
      API_HOST: "127.0.0.1",
      API_PORT: String(await freePort()),
      DATABASE_URL: inject("databaseUrl"),
      API_WORKERS: "2",
    });
    try {
      // Printed right after the fork; loading a worker takes far longer than this wait.
      await waitUntil(() => output().includes("2 workers on"), 30_000, "the primary to fork");
      const workers = children(child.pid as number);
      expect(workers).toHaveLength(2);

      child.kill("SIGTERM");
      expect((await exited).code).toBe(0);
      expect(workers.filter(isRunning)).toEqual([]);
    } finally {
      child.kill("SIGKILL");
    }
  });

  it("exits 1 when its workers cannot listen (the port is taken)", async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    try {
      const server = startServer({
        BETTER_AUTH_SECRET: TEST_SECRET,
        API_HOST: "127.0.0.1",
        API_PORT: String((taken.address() as AddressInfo).port),
        DATABASE_URL: inject("databaseUrl"),
        API_WORKERS: "2",
      });
      const { code, output } = await server.exited;
      expect(code).toBe(1);
      expect(output).toContain("failed to start; stopping");
    } finally {
      taken.close();
    }
  });
});
