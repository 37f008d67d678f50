import { createDb, createPool, createSql, type Sql } from "@todo/db/client";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import type pg from "pg";
import { CursorCodec } from "../../lib/cursor";
import { loggableError } from "../../lib/database-errors";
import { AccountRepository } from "../../repositories/account-repository";
import { ListsRepository } from "../../repositories/lists-repository";
import { NotificationChannelsRepository } from "../../repositories/notification-channels-repository";
import { NotificationsRepository } from "../../repositories/notifications-repository";
import { TasksRepository } from "../../repositories/tasks-repository";
import { WriteLanes } from "../../repositories/write-lanes";

declare module "fastify" {
  interface FastifyInstance {
    /** The request path's client (postgres.js, pipelined): every repository query. */
    sql: Sql;
    /** Background work (rate-limit flushes and sweeps) through `pg`, off the request path. */
    pool: pg.Pool;
    tasks: TasksRepository;
    lists: ListsRepository;
    account: AccountRepository;
    notificationChannels: NotificationChannelsRepository;
    notifications: NotificationsRepository;
  }
}

export interface DatabaseOptions {
  url: string;
  /** The secret list cursors are encrypted with. */
  cursorSecret: string;
}

const IDEMPOTENCY_SWEEP_INTERVAL_MS = 60 * 60 * 1000;
/** One connection each; a user's task writes go through one of them (ADR 0054). */
export const WRITE_LANE_COUNT = 2;
/** Background statements are few: one flush every 100 ms, hourly sweeps. */
const BACKGROUND_POOL_SIZE = 2;

/** The clients, the repositories, and the sweep of expired idempotency keys. */
async function database(app: FastifyInstance, options: DatabaseOptions) {
  const sql = createSql(options.url, { applicationName: "todo-api" });
  const pool = createPool(options.url, {
    applicationName: "todo-api-background",
    max: BACKGROUND_POOL_SIZE,
  });
  const laneClients = Array.from({ length: WRITE_LANE_COUNT }, (_, lane) =>
    createSql(options.url, { applicationName: `todo-api-writes-${lane}`, max: 1 }),
  );
  const db = createDb(sql);
  const repository = new TasksRepository(
    db,
    new CursorCodec(options.cursorSecret),
    new WriteLanes(laneClients),
  );
  app.decorate("sql", sql);
  app.decorate("pool", pool);
  app.decorate("tasks", repository);
  app.decorate("lists", new ListsRepository(db));
  app.decorate("account", new AccountRepository(db));
  app.decorate("notificationChannels", new NotificationChannelsRepository(db));
  app.decorate("notifications", new NotificationsRepository(db));

  const sweep = () =>
    repository.sweepIdempotencyKeys().catch((error: unknown) => {
      app.log.warn({ err: loggableError(error) }, "idempotency key sweep failed");
    });
  const timer = setInterval(sweep, IDEMPOTENCY_SWEEP_INTERVAL_MS).unref();
  app.addHook("onReady", async () => {
    void sweep();
  });
  app.addHook("onClose", async () => {
    clearInterval(timer);
    await Promise.all([
      ...[sql, ...laneClients].map((client) => client.end({ timeout: 5 })),
      pool.end(),
    ]);
  });
}

export default fp(database, { name: "database" });
