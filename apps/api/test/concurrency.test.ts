import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Task } from "@todo/contract/task";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { appWithUser, type TestContext, taskPath } from "./helpers";
import { type ApiProcess, kill, startApi } from "./support/api-process";

let { app, userId, headers, postTask } = {} as TestContext;
beforeAll(async () => {
  ({ app, userId, headers, postTask } = await appWithUser());
});
afterAll(() => app.close());

interface Outcome {
  method: string;
  status: number;
  etag: string | undefined;
  task: Task | null;
}

const versionOf = (etag: string) => Number(/-(\d+)"$/.exec(etag)?.[1]);

/** PUTs, PATCH …/complete (set and toggle) and DELETEs on one task, all at once. */
async function race(
  id: number,
  { deletes = 2, extra = {} }: { deletes?: number; extra?: Record<string, string> } = {},
): Promise<Outcome[]> {
  const url = taskPath(userId, id);
  const requests = [
    ...Array.from({ length: 8 }, (_, n) => ({
      method: "PUT" as const,
      url,
      payload: { title: `title ${n}`, priority: n % 2 ? "high" : "low" },
    })),
    ...Array.from({ length: 8 }, (_, n) => ({
      method: "PATCH" as const,
      url: `${url}/complete`,
      payload: n % 2 ? { completed: n % 4 === 1 } : undefined,
    })),
    ...Array.from({ length: deletes }, () => ({ method: "DELETE" as const, url })),
  ].sort(() => Math.random() - 0.5);
  return Promise.all(
    requests.map(async (request) => {
      const response = await app.inject({ ...request, headers: { ...headers, ...extra } });
      return {
        method: request.method,
        status: response.statusCode,
        etag: response.headers.etag as string | undefined,
        task: response.statusCode === 200 ? response.json<Task>() : null,
      };
    }),
  );
}

async function createTask(): Promise<{ task: Task; etag: string }> {
  const response = await postTask({ title: "contended" });
  expect(response.statusCode).toBe(201);
  return { task: response.json<Task>(), etag: response.headers.etag as string };
}

/** The final state is either deleted (by exactly one DELETE) or the last successful write. */
async function expectConsistent(id: number, outcomes: Outcome[]) {
  expect(outcomes.filter((o) => o.status >= 500)).toEqual([]);
  const current = await app.inject({ url: taskPath(userId, id), headers });
  const deletes = outcomes.filter((o) => o.method === "DELETE" && o.status === 204);
  const writes = outcomes
    .filter((o) => o.status === 200)
    .map((o) => ({ ...o, version: versionOf(o.etag as string) }))
    .sort((a, b) => a.version - b.version);
  // Each successful write made its own version, and time moved forward with it.
  expect(new Set(writes.map((w) => w.version)).size).toBe(writes.length);
  const times = writes.map((w) => Date.parse(w.task?.updated_at as string));
  expect(times).toEqual([...times].sort((a, b) => a - b));
  if (current.statusCode === 404) {
    expect(deletes).toHaveLength(1);
    return "deleted";
  }
  expect(deletes).toHaveLength(0);
  const last = writes.at(-1);
  expect(current.statusCode).toBe(200);
  expect(current.headers.etag).toBe(last?.etag);
  expect(current.json()).toEqual(last?.task);
  // No write was lost: every one of them moved the version on by exactly one.
  expect(last?.version).toBe(1 + writes.length);
  return "written";
}

describe("concurrent changes to one task", () => {
  it("end deleted or as the last successful write, never with a 5xx", async () => {
    for (let round = 0; round < 12; round++) {
      const { task } = await createTask();
      // Every other round without DELETEs, so that both endings are checked.
      const outcomes = await race(task.id, { deletes: round % 2 ? 2 : 0 });
      expect(outcomes.every((o) => [200, 204, 404].includes(o.status))).toBe(true);
      expect(await expectConsistent(task.id, outcomes)).toBe(round % 2 ? "deleted" : "written");
    }
  });

  it("with the same If-Match, exactly one of them succeeds", async () => {
    for (let round = 0; round < 6; round++) {
      const { task, etag } = await createTask();
      const outcomes = await race(task.id, { extra: { "if-match": etag } });
      const succeeded = outcomes.filter((o) => o.status === 200 || o.status === 204);
      expect(succeeded).toHaveLength(1);
      expect(outcomes.every((o) => [200, 204, 404, 412].includes(o.status))).toBe(true);
      await expectConsistent(task.id, outcomes);
    }
  });
});

describe("two API processes starting on an empty database", () => {
  const name = `empty_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Pool({ connectionString: inject("ownerDatabaseUrl"), max: 1 });
  const inEmpty = (url: string) => Object.assign(new URL(url), { pathname: `/${name}` }).toString();
  const emptyUrl = inEmpty(inject("ownerDatabaseUrl"));
  let apis: ApiProcess[] = [];

  afterAll(async () => {
    await Promise.all(apis.map(kill));
    await admin.query(`drop database if exists "${name}" with (force)`);
    await admin.end();
  });

  it("migrate it exactly once, and both become ready", async () => {
    await admin.query(`create database "${name}"`);
    const env = { DATABASE_URL: inEmpty(inject("databaseUrl")), MIGRATION_DATABASE_URL: emptyUrl };
    apis = await Promise.all([0, 1].map(() => startApi(env)));
    for (const api of apis) expect((await fetch(`${api.origin}/readyz`)).status).toBe(200);

    const journal = JSON.parse(
      readFileSync(
        new URL("../../../packages/db/drizzle/meta/_journal.json", import.meta.url),
        "utf8",
      ),
    ) as { entries: unknown[] };
    const client = new pg.Client({ connectionString: emptyUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ hash: string }>(
        "select hash from drizzle.__drizzle_migrations",
      );
      expect(rows).toHaveLength(journal.entries.length);
      expect(new Set(rows.map((row) => row.hash)).size).toBe(rows.length);
    } finally {
      await client.end();
    }
  });
});
