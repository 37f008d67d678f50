import type { Task } from "@todo/contract/task";
import type pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { authHeader, newUserId, tasksPath } from "./helpers";
import type { ApiProcess } from "./support/api-process";
import { waitUntil } from "./support/create-load";
import { type OwnDatabase, ownDatabase } from "./support/own-database";

const TASKS = 30;

/**
 * Real API processes on a database of their own: no worker of another test file may take these
 * reminders, and the restart case needs a moment when no worker runs at all.
 */
describe("reminders across API processes", () => {
  let own: OwnDatabase;
  const start = (count: number) => own.startApis(count, { REMINDER_POLL_INTERVAL_MS: "200" });
  const rows = async <T extends pg.QueryResultRow>(text: string, values: unknown[] = []) =>
    (await own.owner.query<T>(text, values)).rows;

  beforeAll(async () => {
    own = await ownDatabase();
    return own.cleanup;
  });

  it("deliver each reminder exactly once with two processes, within seconds of its time", async () => {
    const apis = await start(2);
    const userId = newUserId();
    const headers = { ...(await authHeader(userId)), "content-type": "application/json" };
    const due = new Date(Date.now() + 5_000).toISOString();
    const created = await Promise.all(
      Array.from({ length: TASKS }, async (_, n) => {
        const api = apis[n % 2] as ApiProcess;
        const response = await fetch(new URL(tasksPath(userId), api.origin), {
          method: "POST",
          headers,
          // One reminder at the due moment, one a minute before (already due: delivered at once).
          body: JSON.stringify({
            title: `task ${n}`,
            due_date: due,
            reminders: [{ before_minutes: 0 }, { before_minutes: 1 }],
          }),
        });
        expect(response.status).toBe(201);
        return (await response.json()) as Task;
      }),
    );
    await waitUntil(
      async () =>
        (await rows("select 1 from notifications where user_id = $1", [userId])).length >=
        TASKS * 2,
      30_000,
      "every reminder",
    );
    // Both processes had the chance to run each job again by now.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const delivered = await rows<{ task_id: string; before_minutes: number; late_ms: number }>(
      `select task_id, before_minutes,
         extract(epoch from created_at - fire_at)::float8 * 1000 as late_ms
       from notifications where user_id = $1 order by task_id, before_minutes`,
      [userId],
    );
    expect(delivered.map((row) => [Number(row.task_id), row.before_minutes])).toEqual(
      created
        .map((task) => task.id)
        .sort((a, b) => a - b)
        .flatMap((id) => [
          [id, 0],
          [id, 1],
        ]),
    );
    const onTime = delivered.filter((row) => row.before_minutes === 0);
    expect(Math.max(...onTime.map((row) => row.late_ms))).toBeLessThan(5_000);
    expect(Math.min(...onTime.map((row) => row.late_ms))).toBeGreaterThanOrEqual(0);
    expect(
      await rows("select 1 from graphile_worker.jobs where task_identifier = 'reminder'"),
    ).toEqual([]);
  });

  it("after a restart, deliver a reminder under 24 hours late and drop an older one", async () => {
    await own.killApis();
    // Written while no worker runs: due tomorrow, so queued for tomorrow.
    const userId = newUserId();
    const tomorrow = new Date(Date.now() + 24 * 3600_000).toISOString();
    const [hourLate, dayLate] = await rows<{ id: string }>(
      `insert into tasks (user_id, title, due_date, reminder_offsets)
       values ($1, 'an hour late', $2, '{0}'), ($1, 'a day late', $2, '{0}') returning id`,
      [userId, tomorrow],
    );
    // Then time passes with every process down: the queue's stored run times (and the due dates
    // they were computed from) become 1 hour and 25 hours old.
    const client = await own.owner.connect();
    try {
      await client.query("begin");
      await client.query("set local session_replication_role = replica");
      for (const [task, hours] of [
        [hourLate, 1],
        [dayLate, 25],
      ] as const) {
        const { rowCount } = await client.query(
          `with moved as (
             update tasks set due_date = now() - make_interval(hours => $2) where id = $1
             returning id, due_date)
           update graphile_worker._private_jobs job
           set run_at = moved.due_date,
             payload = json_build_object('task_id', moved.id, 'before_minutes', 0, 'fire_at', moved.due_date)
           from moved where job.key = 'reminder:' || moved.id || ':0'`,
          [task?.id, hours],
        );
        expect(rowCount).toBe(1);
      }
      await client.query("commit");
    } finally {
      client.release();
    }

    await start(1);
    await waitUntil(
      async () =>
        (await rows("select 1 from graphile_worker.jobs where task_identifier = 'reminder'"))
          .length === 0,
      20_000,
      "both jobs to run",
    );
    const delivered = await rows<{ title: string; late_hours: number }>(
      `select title, round(extract(epoch from created_at - fire_at) / 3600)::int as late_hours
       from notifications where user_id = $1`,
      [userId],
    );
    expect(delivered).toEqual([{ title: "an hour late", late_hours: 1 }]);
  });
});
