import { type SQL, sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from "drizzle-orm/pg-core";

/** Declared low → high, so PostgreSQL orders (and indexes) priorities by rank. */
export const taskPriority = pgEnum("task_priority", ["low", "medium", "high"]);

/**
 * Millisecond precision: the API serialises timestamps with milliseconds, and keyset
 * cursors carry those values back, so the stored value must equal the one sent out.
 */
const timestampMs = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

export const tasks = pgTable(
  "tasks",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    userId: text("user_id").notNull(),
    title: text("title").notNull(),
    description: text("description"),
    completed: boolean("completed").notNull().default(false),
    priority: taskPriority("priority").notNull().default("medium"),
    /** When a timed task is due; null for an all-day task. */
    dueDate: timestampMs("due_date"),
    /** The day of an all-day task, understood in `time_zone`; null for a timed task. */
    dueOn: date("due_on", { mode: "string" }),
    /** IANA name (contract section 11). */
    timeZone: text("time_zone").notNull().default("UTC"),
    /**
     * What `due_date` sorts (and will filter) by: the moment a timed task is due, or the start
     * of an all-day task's day in its time zone. Derived, so no writer can let it drift.
     */
    dueInstant: timestampMs("due_instant").generatedAlwaysAs(
      (): SQL =>
        sql`coalesce(${tasks.dueDate}, (${tasks.dueOn}::timestamp at time zone ${tasks.timeZone}))`,
    ),
    tags: text("tags").array().notNull().default(sql`'{}'::text[]`),
    /** Bumped on every change; the ETag is derived from it. */
    version: integer("version").notNull().default(1),
    createdAt: timestampMs("created_at").notNull().defaultNow(),
    updatedAt: timestampMs("updated_at").notNull().defaultNow(),
  },
  // One index per sort order, each led by the owner, so every list of one user is an index scan.
  (t) => [
    index("tasks_user_created_idx").on(t.userId, t.createdAt, t.id),
    index("tasks_user_updated_idx").on(t.userId, t.updatedAt, t.id),
    index("tasks_user_due_asc_idx").on(t.userId, t.dueInstant.asc().nullsLast(), t.id),
    index("tasks_user_due_desc_idx").on(
      t.userId,
      t.dueInstant.desc().nullsLast(),
      t.id.desc().nullsFirst(),
    ),
    index("tasks_user_priority_idx").on(t.userId, t.priority, t.id),
    index("tasks_user_title_idx").on(t.userId, sql`lower(${t.title})`, t.id),
    check("tasks_due_one_kind", sql`${t.dueDate} is null or ${t.dueOn} is null`),
  ],
);

/** Stored first responses of `POST …/tasks` with an `Idempotency-Key`, kept 24 hours. */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    userId: text("user_id").notNull(),
    key: text("key").notNull(),
    requestHash: text("request_hash").notNull(),
    taskId: bigint("task_id", { mode: "number" }),
    response: jsonb("response"),
    createdAt: timestampMs("created_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.key] }),
    index("idempotency_keys_created_idx").on(t.createdAt),
  ],
);

export const IDEMPOTENCY_TTL_HOURS = 24;

/**
 * Each user's task counts, kept exact by statement-level triggers on `tasks` (migration
 * 0003), so an unfiltered list's `total` is one row read instead of a count of every task.
 */
export const taskCounts = pgTable("task_counts", {
  userId: text("user_id").primaryKey(),
  total: bigint("total", { mode: "number" }).notNull(),
  completed: bigint("completed", { mode: "number" }).notNull(),
});

/**
 * Counters of the rate limiter shared by every API process: one row per key (`sub:…` or
 * `ip:…`) holding the start of its current fixed window and the requests counted in it.
 */
export const rateLimits = pgTable(
  "rate_limits",
  {
    key: text("key").primaryKey(),
    windowStart: timestampMs("window_start").notNull(),
    count: integer("count").notNull(),
  },
  (t) => [index("rate_limits_window_start_idx").on(t.windowStart)],
);
