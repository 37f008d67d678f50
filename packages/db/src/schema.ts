import { type SQL, sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
} from "drizzle-orm/pg-core";

/** The ICU collation titles sort by (migration 0011, ADR 0034). */
export const TITLE_COLLATION = "title_order";

/** Declared low → high, so PostgreSQL orders (and indexes) priorities by rank. */
export const taskPriority = pgEnum("task_priority", ["low", "medium", "high"]);

/** What a recurring task's next occurrence is counted from (docs/api.md, Recurring tasks). */
export const recurrenceFrom = pgEnum("recurrence_from", ["due", "completion"]);

/**
 * Millisecond precision: the API serialises timestamps with milliseconds, and keyset
 * cursors carry those values back, so the stored value must equal the one sent out.
 */
const timestampMs = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

/** A user's lists (docs/api.md, Lists); a task without one is in the Inbox. */
export const lists = pgTable(
  "lists",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    userId: text("user_id").notNull(),
    name: text("name").notNull(),
    /** `#rrggbb`, or null. */
    color: text("color"),
    /** 0..n-1 among the user's lists. */
    position: integer("position").notNull(),
    /** Bumped on every change; the ETag is derived from it. */
    version: integer("version").notNull().default(1),
    createdAt: timestampMs("created_at").notNull().defaultNow(),
    updatedAt: timestampMs("updated_at").notNull().defaultNow(),
  },
  (t) => [
    index("lists_user_position_idx").on(t.userId, t.position, t.id),
    // The target of the tasks' (list_id, user_id) foreign key.
    unique("lists_id_user_unique").on(t.id, t.userId),
  ],
);

export const tasks = pgTable(
  "tasks",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    userId: text("user_id").notNull(),
    /** Null: the Inbox. Only a list of the same user (foreign key below); deleting it deletes its tasks. */
    listId: bigint("list_id", { mode: "number" }),
    title: text("title").notNull(),
    description: text("description"),
    completed: boolean("completed").notNull().default(false),
    priority: taskPriority("priority").notNull().default("medium"),
    /** When a timed task is due; null for an all-day task. */
    dueDate: timestampMs("due_date"),
    /** The day of an all-day task, understood in `time_zone`; null for a timed task. */
    dueOn: date("due_on", { mode: "string" }),
    /** IANA name (docs/api.md, Tasks). */
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
    /** An RFC 5545 RRULE value without the `RRULE:` prefix, or null. */
    recurrence: text("recurrence"),
    recurrenceFrom: recurrenceFrom("recurrence_from").notNull().default("due"),
    /** Each reminder's minutes before `due_date`, distinct, at most five. */
    reminderOffsets: integer("reminder_offsets").array().notNull().default(sql`'{}'::integer[]`),
    /** Set when the task is completed, cleared when it is reopened. */
    completedAt: timestampMs("completed_at"),
    /** Bumped on every change; the ETag is derived from it. */
    version: integer("version").notNull().default(1),
    createdAt: timestampMs("created_at").notNull().defaultNow(),
    updatedAt: timestampMs("updated_at").notNull().defaultNow(),
    /**
     * The task as the API sends it (its JSON text), written by a trigger from the row on every
     * insert and update, whoever writes (migration 0017, ADR 0047): reads send it as stored. The
     * default only lets an insert leave it out; the trigger replaces it before the row is stored.
     */
    json: text("json").notNull().default(""),
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
    index("tasks_user_title_collated_idx").on(
      t.userId,
      sql`${t.title} collate ${sql.identifier(TITLE_COLLATION)}`,
      t.id,
    ),
    // The Completed view: latest completed first.
    index("tasks_user_completed_at_idx").on(
      t.userId,
      t.completedAt.desc().nullsLast(),
      t.id.desc().nullsFirst(),
    ),
    // A list's tasks: the `list_id` filter (in creation order) and the cascade of a list delete.
    index("tasks_user_list_created_idx").on(t.userId, t.listId, t.createdAt, t.id),
    foreignKey({
      name: "tasks_list_same_user_fk",
      columns: [t.listId, t.userId],
      foreignColumns: [lists.id, lists.userId],
    }).onDelete("cascade"),
    check("tasks_due_one_kind", sql`${t.dueDate} is null or ${t.dueOn} is null`),
    // Recurrence and reminders are relative to a due date.
    check(
      "tasks_due_for_schedule",
      sql`(${t.recurrence} is null and cardinality(${t.reminderOffsets}) = 0) or ${t.dueDate} is not null or ${t.dueOn} is not null`,
    ),
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
 * Each user's task counts, kept exact by row-level triggers on `tasks` (migrations 0003 and
 * 0015), so an unfiltered list's `total` is one row read instead of a count of every task.
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

/**
 * Ended sessions and user-wide cutoffs, which the API keeps in memory to refuse tokens that
 * are still unexpired (docs/decisions/0018-session-revocation.md). A row with `session_id`: that
 * session ended, its tokens (claim `sid`) are refused. A row without: every token of `user_id`
 * issued at or before `revoked_at` is refused. Triggers (migration 0005) write a row for every
 * deleted session and user, send each new row to the API processes (`NOTIFY revocations`), and
 * delete rows older than `REVOCATION_RETENTION_SECONDS`.
 */
export const revocations = pgTable(
  "revocations",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    userId: text("user_id").notNull(),
    sessionId: text("session_id"),
    revokedAt: timestampMs("revoked_at").notNull().defaultNow(),
  },
  (t) => [
    index("revocations_revoked_at_idx").on(t.revokedAt),
    // A subscribe asks whether the token's session ended or a cutoff came after it (ADR 0046);
    // a user has a handful of rows a day, so `user_id` alone narrows that to them.
    index("revocations_user_id_idx").on(t.userId),
    // Keeps every NOTIFY payload far below PostgreSQL's 8000-byte limit.
    check(
      "revocations_id_lengths",
      sql`length(${t.userId}) <= 255 and length(${t.sessionId}) <= 255`,
    ),
  ],
);

/** The channel that carries each new `revocations` row, as JSON, to every listening API process. */
export const REVOCATIONS_CHANNEL = "revocations";

/**
 * How long a revocation is kept: the longest a token may live (24 hours, refused beyond by the
 * API) plus the 30 s clock tolerance, plus 30 s for clocks that differ between the database and
 * the API. After that every token it could refuse has expired anyway. The sweep in migration 0005
 * uses the same interval.
 */
export const REVOCATION_RETENTION_SECONDS = 24 * 3600 + 60;

/**
 * Delivered reminders (docs/api.md, Notifications): one row per occurrence and reminder, written
 * by the reminder job (apps/api/src/jobs/reminders.ts). The unique key makes a job that runs
 * twice (the queue delivers at least once) insert nothing the second time.
 */
export const notifications = pgTable(
  "notifications",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    userId: text("user_id").notNull(),
    taskId: bigint("task_id", { mode: "number" })
      .notNull()
      .references(() => tasks.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    /** The occurrence's due date as the task had it: a timed task's moment or an all-day date. */
    dueDate: timestampMs("due_date"),
    dueOn: date("due_on", { mode: "string" }),
    beforeMinutes: integer("before_minutes").notNull(),
    fireAt: timestampMs("fire_at").notNull(),
    read: boolean("read").notNull().default(false),
    createdAt: timestampMs("created_at").notNull().defaultNow(),
  },
  (t) => [
    unique("notifications_occurrence_unique").on(t.taskId, t.fireAt, t.beforeMinutes),
    index("notifications_user_created_idx").on(t.userId, t.createdAt, t.id),
    index("notifications_user_unread_idx").on(t.userId).where(sql`not ${t.read}`),
  ],
);

/** The graphile-worker task name of a reminder job; its key is `reminder:<task id>:<minutes>`. */
export const REMINDER_JOB = "reminder";
/** A reminder later than this is dropped, never delivered (contract section 12). */
export const REMINDER_MAX_LATENESS_HOURS = 24;

/** docs/api.md, Web Push: a user's browsers, each subscribed with the API's VAPID public key. */
export const pushSubscriptions = pgTable(
  "push_subscriptions",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    userId: text("user_id").notNull(),
    /** The push service's URL for this browser: one user at a time (a browser signed into another account moves). */
    endpoint: text("endpoint").notNull().unique("push_subscriptions_endpoint_unique"),
    /** The browser's P-256 public key and auth secret (RFC 8291), base64url. */
    p256dh: text("p256dh").notNull(),
    auth: text("auth").notNull(),
    /**
     * The session whose token subscribed (the token's `sid`; null for a token without one). When
     * it ends, a trigger on `revocations` deletes the subscription (migration 0016).
     */
    sessionId: text("session_id"),
    /** When the push service says the subscription ends, if it says. */
    expiresAt: timestampMs("expires_at"),
    createdAt: timestampMs("created_at").notNull().defaultNow(),
    updatedAt: timestampMs("updated_at").notNull().defaultNow(),
  },
  (t) => [
    index("push_subscriptions_user_idx").on(t.userId, t.id),
    check("push_subscriptions_lengths", sql`length(${t.endpoint}) <= 2048`),
  ],
);

/** docs/api.md, Notification settings: a user without a row has the defaults (no email). */
export const notificationSettings = pgTable("notification_settings", {
  userId: text("user_id").primaryKey(),
  email: boolean("email").notNull().default(false),
  updatedAt: timestampMs("updated_at").notNull().defaultNow(),
});
