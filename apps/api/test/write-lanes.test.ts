import type { Task } from "@todo/contract/task";
import pg from "pg";
import { afterAll, beforeAll, expect, inject, it, vi } from "vitest";
import type { App } from "../src/app";
import { WRITE_LANE_COUNT } from "../src/plugins/app/database";
import { laneIndex } from "../src/repositories/write-lanes";
import { newUserId, taskPath, testApp, testUser } from "./helpers";

let app: App;
beforeAll(async () => {
  app = await testApp();
});
afterAll(() => app.close());

/** A fresh user whose writes go through lane `lane`, or through any other when `not` is set. */
async function userOnLane(lane: number, { not = false } = {}) {
  let userId = newUserId();
  while ((laneIndex(userId, WRITE_LANE_COUNT) === lane) === not) userId = newUserId();
  return testUser(app, userId);
}

const toggle = (user: Awaited<ReturnType<typeof testUser>>, id: number) =>
  app.inject({
    method: "PATCH",
    url: `${taskPath(user.userId, id)}/complete`,
    headers: user.headers,
  });

it("queues a user's writes to a locked task on one connection, and lets other lanes write", async () => {
  const first = await userOnLane(0);
  const other = await userOnLane(0, { not: true });
  const task = await first.createTask({ title: "locked" });
  const otherTask = await other.createTask({ title: "free" });

  const blocker = new pg.Client({ connectionString: inject("databaseUrl") });
  await blocker.connect();
  try {
    await blocker.query("begin");
    await blocker.query("select id from tasks where id = $1 for update", [task.id]);
    const toggles = Array.from({ length: 5 }, () => toggle(first, task.id));
    const { rows } = await blocker.query<{ pid: number }>("select pg_backend_pid() as pid");
    /**
     * The backends waiting behind the blocker's lock, directly or behind another waiter (on the
     * row's tuple lock); not those of other test files, which share the database.
     */
    const waiting = async () => {
      // Statistics are a snapshot per transaction: take a fresh one.
      await blocker.query("select pg_stat_clear_snapshot()");
      const result = await blocker.query<{ name: string }>(
        `with recursive blocked(pid) as (
           select pid from pg_stat_activity where $1 = any(pg_blocking_pids(pid))
           union
           select a.pid from pg_stat_activity a join blocked b on b.pid = any(pg_blocking_pids(a.pid))
         )
         select application_name as name from pg_stat_activity where pid in (select pid from blocked)`,
        [rows[0]?.pid],
      );
      return result.rows.map((row) => row.name);
    };
    await vi.waitFor(async () => expect(await waiting()).toHaveLength(1), { timeout: 10_000 });

    // Another lane's user writes meanwhile.
    const free = await toggle(other, otherTask.id);
    expect(free.statusCode).toBe(200);
    expect(free.json<Task>().completed).toBe(true);
    // Still one backend waiting on the row, the lane's: the other toggles wait in its pipeline.
    expect(await waiting()).toEqual(["todo-api-writes-0"]);

    await blocker.query("commit");
    const responses = await Promise.all(toggles);
    expect(responses.map((response) => response.statusCode)).toEqual(Array(5).fill(200));
    const versions = responses.map((response) =>
      Number(/-(\d+)"$/.exec(String(response.headers.etag))?.[1]),
    );
    expect(versions.sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6]);
    // Five toggles of an open task: it ends completed.
    const final = await app.inject({
      url: taskPath(first.userId, task.id),
      headers: first.headers,
    });
    expect(final.json<Task>().completed).toBe(true);
  } finally {
    await blocker.query("rollback").catch(() => {});
    await blocker.end();
  }
});
