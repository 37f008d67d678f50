import { REMINDER_JOB } from "@todo/db/schema";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { Logger, parseCronItems, type Runner, run } from "graphile-worker";
import type { NotificationChannel } from "../../jobs/notification-channels";
import {
  NOTIFICATION_RETENTION_JOB,
  notificationRetentionJob,
  notificationRetentionSchedule,
} from "../../jobs/notification-retention";
import { reminderJob } from "../../jobs/reminders";
import { loggableError } from "../../lib/database-errors";

export interface JobsOptions {
  /** A direct connection: the worker LISTENs for new jobs. */
  url: string;
  channels: readonly NotificationChannel[];
  pollIntervalMs: number;
}

/** Jobs one process runs at once; each holds a connection of the worker's own pool. */
const CONCURRENCY = 4;
const RETRY_MS = 2_000;

/**
 * graphile-worker in every API process (docs/decisions/0030-reminders-on-graphile-worker.md):
 * the triggers on `tasks` queue each reminder, whichever process runs it creates the
 * notification; its cron queues the daily retention sweep of notifications, once for all. Its own small pool, so a burst of reminders never waits on request
 * connections or the reverse. A database that is down at start-up is retried in the
 * background, as the revocation feed does, rather than failing the start.
 */
async function jobs(app: FastifyInstance, options: JobsOptions) {
  // Only warnings and errors, through the app's logger (no payloads: graphile-worker logs ids).
  const logger = new Logger(() => (level, message) => {
    if (level === "error") app.log.error(`job queue: ${message}`);
    else if (level === "warning") app.log.warn(`job queue: ${message}`);
  });
  let runner: Runner | undefined;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  let starting: Promise<void> | undefined;

  const start = async (): Promise<void> => {
    try {
      const started = await run({
        connectionString: options.url,
        maxPoolSize: CONCURRENCY + 1,
        concurrency: CONCURRENCY,
        pollInterval: options.pollIntervalMs,
        noHandleSignals: true,
        logger,
        taskList: {
          [REMINDER_JOB]: reminderJob(options.channels, app.log),
          [NOTIFICATION_RETENTION_JOB]: notificationRetentionJob(app.log),
        },
        parsedCronItems: parseCronItems([notificationRetentionSchedule]),
      });
      if (stopped) await started.stop();
      else runner = started;
    } catch (error) {
      if (stopped) return;
      app.log.warn({ err: loggableError(error), retryInMs: RETRY_MS }, "job queue did not start");
      retry = setTimeout(() => {
        starting = start();
      }, RETRY_MS);
    }
  };

  app.addHook("onReady", async () => {
    starting = start();
  });
  app.addHook("onClose", async () => {
    stopped = true;
    clearTimeout(retry);
    await starting;
    // Lets running jobs finish and unlocks the ones fetched but not begun.
    await runner?.stop();
  });
}

export default fp(jobs, { name: "jobs", dependencies: ["database"] });
