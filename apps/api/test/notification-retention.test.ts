import { beforeAll, describe, expect, it } from "vitest";
import {
  NOTIFICATION_RETENTION_JOB,
  READ_RETENTION_DAYS,
  RETENTION_BATCH,
  UNREAD_RETENTION_DAYS,
} from "../src/jobs/notification-retention";
import { newUserId } from "./helpers";
import { waitUntil } from "./support/create-load";
import { type OwnDatabase, ownDatabase } from "./support/own-database";

/**
 * docs/api.md, Notifications: the daily sweep, queued by graphile-worker's cron in real API
 * processes on a database of their own (no other test file's worker runs the sweep there).
 */
describe("the retention sweep of notifications", () => {
  let own: OwnDatabase;
  beforeAll(async () => {
    own = await ownDatabase();
    return own.cleanup;
  });

  it("deletes read ones past 90 days and unread ones past a year, in batches, once across two processes", async () => {
    const { owner } = own;
    const userId = newUserId();
    const {
      rows: [task],
    } = await owner.query<{ id: string }>(
      "insert into tasks (user_id, title) values ($1, 'Water the plants') returning id",
      [userId],
    );
    let fireAt = 0;
    /** `count` notifications delivered `days` ago; inserted oldest first, as delivery does. */
    const deliver = async (label: string, days: number, read: boolean, count = 1) => {
      await owner.query(
        `insert into notifications (user_id, task_id, title, before_minutes, fire_at, read, created_at)
         select $1, $2, $3, 0, to_timestamp($4 + n), $5, now() - make_interval(days => $6)
         from generate_series(1, $7) as n`,
        [userId, task?.id, label, fireAt, read, days, count],
      );
      fireAt += count;
    };
    const oldRead = RETENTION_BATCH * 2 + 500;
    await deliver("unread, over a year", UNREAD_RETENTION_DAYS + 1, false);
    await deliver("read, 200 days", 200, true, oldRead);
    await deliver("unread, 200 days", 200, false);
    await deliver("read, 91 days", READ_RETENTION_DAYS + 1, true);
    await deliver("unread, 91 days", READ_RETENTION_DAYS + 1, false);
    await deliver("read, 89 days", READ_RETENTION_DAYS - 1, true);
    await deliver("unread, a day", 1, false);
    await deliver("read, today", 0, true);

    // The schedule last ran two days ago: each process starting now finds today's 03:17 UTC run
    // (within the last 24 hours) missed, and only one of them queues it.
    await owner.query(
      `insert into graphile_worker._private_known_crontabs (identifier, known_since, last_execution)
       values ($1, now() - interval '3 days', now() - interval '2 days')`,
      [NOTIFICATION_RETENTION_JOB],
    );
    const apis = await own.startApis(2, { REMINDER_POLL_INTERVAL_MS: "200", LOG_LEVEL: "info" });

    const expectedGone = 1 + oldRead + 1;
    const swept = () =>
      apis
        .flatMap((api) => api.output().split("\n"))
        .filter((line) => line.includes("notifications past their retention deleted"));
    await waitUntil(() => swept().length > 0, 40_000, "the sweep").catch((error: unknown) => {
      throw new Error(`${String(error)}; output:\n${apis.map((api) => api.output()).join("\n")}`);
    });
    const { rows } = await owner.query<{ title: string }>(
      "select title from notifications where user_id = $1 order by id",
      [userId],
    );
    expect(rows.map((row) => row.title)).toEqual([
      "unread, 200 days",
      "unread, 91 days",
      "read, 89 days",
      "unread, a day",
      "read, today",
    ]);
    const [line] = swept();
    expect(JSON.parse(line as string)).toMatchObject({ deleted: expectedGone, batches: 3 });

    // Both processes keep running the cron; no second sweep is queued for the same day.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(swept()).toHaveLength(1);
    const {
      rows: [known],
    } = await owner.query<{ late: boolean }>(
      `select last_execution > now() - interval '1 day' as late
       from graphile_worker._private_known_crontabs where identifier = $1`,
      [NOTIFICATION_RETENTION_JOB],
    );
    expect(known?.late).toBe(true);
  }, 60_000);
});
