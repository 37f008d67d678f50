import type { FastifyBaseLogger } from "fastify";
import type { CronItem, Task } from "graphile-worker";

/**
 * How long a notification is kept after its delivery (docs/api.md, Notifications; ADR 0045): a
 * read one 90 days, an unread one a year, so that someone back from a long absence still finds
 * what was missed while an abandoned account's recurring reminders do not grow without bound.
 */
export const READ_RETENTION_DAYS = 90;
export const UNREAD_RETENTION_DAYS = 365;

/** The graphile-worker task name of the sweep, and its schedule's identifier. */
export const NOTIFICATION_RETENTION_JOB = "notification-retention";

/** Rows scanned per statement: each batch is its own short transaction, its locks held milliseconds. */
export const RETENTION_BATCH = 1_000;

/**
 * Once a day at 03:17 UTC. graphile-worker's cron records each run's time in
 * `_private_known_crontabs` with an upsert that only one process wins, so however many API
 * processes run, each day's sweep is queued once; a process started within a day of a missed
 * run (everything down at 03:17) queues that one.
 */
export const notificationRetentionSchedule: CronItem = {
  task: NOTIFICATION_RETENTION_JOB,
  match: "17 3 * * *",
  options: {
    backfillPeriod: 24 * 3600 * 1000,
    jobKey: NOTIFICATION_RETENTION_JOB,
    maxAttempts: 5,
  },
};

/**
 * One batch: the next rows by id after `$1`, of which those past their retention are deleted.
 * Ids are given in delivery order (`created_at` is the inserting statement's `now()`), so the
 * walk stops at the first row still within the read retention: every later one is too. Rows
 * kept (unread, not yet a year old) are walked over, never locked.
 */
const SWEEP_BATCH = `
  with scanned as (
    select id, created_at from notifications where id > $1 order by id limit $2
  ), deleted as (
    delete from notifications n using scanned s
    where n.id = s.id
      and s.created_at < now() - make_interval(days => $3)
      and (n.read or s.created_at < now() - make_interval(days => $4))
    returning n.id
  )
  select
    (select max(id) from scanned)::float8 as "lastId",
    (select count(*) from deleted)::int as "deleted",
    (select count(*) from scanned) < $2
      or (select bool_or(created_at >= now() - make_interval(days => $3)) from scanned)
      as "done"`;

/** The job that deletes the notifications past their retention, batch by batch. */
export function notificationRetentionJob(log: FastifyBaseLogger): Task {
  return async (_payload, helpers) => {
    const started = performance.now();
    let after = 0;
    let deleted = 0;
    let batches = 0;
    for (;;) {
      const { rows } = await helpers.query<{
        lastId: number | null;
        deleted: number;
        done: boolean;
      }>(SWEEP_BATCH, [after, RETENTION_BATCH, READ_RETENTION_DAYS, UNREAD_RETENTION_DAYS]);
      const batch = rows[0];
      batches++;
      deleted += batch?.deleted ?? 0;
      if (!batch || batch.done || batch.lastId === null) break;
      after = batch.lastId;
    }
    const ms = Math.round(performance.now() - started);
    log.info({ deleted, batches, ms }, "notifications past their retention deleted");
  };
}
