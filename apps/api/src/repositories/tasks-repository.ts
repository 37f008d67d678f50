import { isAllDay } from "@todo/contract/due-date";
import type { ListQuery, SortOrder, TaskSort } from "@todo/contract/list-query";
import type { NewTask, Task, TaskChanges } from "@todo/contract/task";
import type { Db } from "@todo/db/client";
import { IDEMPOTENCY_TTL_HOURS, idempotencyKeys, taskCounts, tasks } from "@todo/db/schema";
import { and, asc, desc, eq, getTableColumns, inArray, lt, type SQL, sql } from "drizzle-orm";
import type { CursorCodec, CursorPosition } from "../lib/cursor";
import type { Precondition } from "../lib/etag";
import { taskEtag } from "../lib/etag";

type TaskRow = typeof tasks.$inferSelect;

/** A task as served, with its entity tag. */
export interface TaskRecord {
  task: Task;
  etag: string;
}

export type MutationResult =
  | { outcome: "done"; record: TaskRecord }
  | { outcome: "not_found" }
  | { outcome: "precondition_failed" };

export type CreateResult =
  | { outcome: "created"; record: TaskRecord }
  | { outcome: "replayed"; record: TaskRecord }
  | { outcome: "key_reused" };

export interface IdempotencyKey {
  key: string;
  /** SHA-256 of the canonical JSON of the request body. */
  requestHash: string;
}

export interface TaskPage {
  items: Task[];
  total: number;
  next_cursor: string | null;
}

export class InvalidCursorError extends Error {
  constructor() {
    super("The cursor is invalid or belongs to another sort order.");
    this.name = "InvalidCursorError";
  }
}

const iso = (date: Date | null) => (date === null ? null : date.toISOString());

function toRecord(row: TaskRow): TaskRecord {
  return {
    task: {
      id: row.id,
      user_id: row.userId,
      title: row.title,
      description: row.description,
      completed: row.completed,
      priority: row.priority,
      due_date: row.dueOn ?? iso(row.dueDate),
      time_zone: row.timeZone,
      tags: row.tags,
      created_at: row.createdAt.toISOString(),
      updated_at: row.updatedAt.toISOString(),
    },
    etag: taskEtag(row.id, row.version),
  };
}

/** The value a row is sorted by, as carried in a cursor. */
function sortValue(row: TaskRow, sort: TaskSort): string | null {
  switch (sort) {
    case "created_at":
      return iso(row.createdAt);
    case "updated_at":
      return iso(row.updatedAt);
    case "due_date":
      return iso(row.dueInstant);
    case "priority":
    case "title":
      return row[sort];
  }
}

/** The stored form of a due date: the moment of a timed task, or the day of an all-day one. */
function dueColumns(dueDate: string | null): { dueDate: Date | null; dueOn: string | null } {
  if (dueDate === null) return { dueDate: null, dueOn: null };
  return isAllDay(dueDate)
    ? { dueDate: null, dueOn: dueDate }
    : { dueDate: new Date(dueDate), dueOn: null };
}

/** The sort key in SQL, and how a cursor value is turned back into that type. */
function sortKey(sort: TaskSort): { column: SQL; param: (value: string) => SQL } {
  switch (sort) {
    case "created_at":
    case "updated_at":
    case "due_date": {
      const column = {
        created_at: tasks.createdAt,
        updated_at: tasks.updatedAt,
        due_date: tasks.dueInstant,
      }[sort];
      return { column: sql`${column}`, param: (value) => sql`${value}::timestamptz` };
    }
    case "priority":
      // The enum is declared low < medium < high, so it sorts by rank.
      return { column: sql`${tasks.priority}`, param: (value) => sql`${value}::task_priority` };
    case "title":
      return { column: sql`lower(${tasks.title})`, param: (value) => sql`lower(${value})` };
  }
}

/**
 * Rows strictly after the cursor in (sort key, id) order. `due_date` nulls come last in
 * both orders, so after a non-null value come the remaining non-nulls, then every null.
 */
function afterCursor(sort: TaskSort, order: SortOrder, position: CursorPosition): SQL {
  const { column, param } = sortKey(sort);
  const beyond = order === "asc" ? sql`>` : sql`<`;
  if (position.value === null) {
    if (sort !== "due_date") throw new InvalidCursorError();
    return sql`(${tasks.dueInstant} is null and ${tasks.id} ${beyond} ${position.id})`;
  }
  const tuple = sql`(${column}, ${tasks.id}) ${beyond} (${param(position.value)}, ${position.id})`;
  return sort === "due_date" ? sql`(${tuple} or ${tasks.dueInstant} is null)` : tuple;
}

function orderBy(sort: TaskSort, order: SortOrder): SQL[] {
  const { column } = sortKey(sort);
  const direction = order === "asc" ? asc : desc;
  const key = sort === "due_date" ? sql`${column} ${sql.raw(order)} nulls last` : direction(column);
  return [key, direction(tasks.id)];
}

/** `%`, `_` and `\` in the search text match themselves. */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, "\\$&")}%`;
}

function filters(userId: string, query: ListQuery): SQL[] {
  const conditions: SQL[] = [eq(tasks.userId, userId)];
  if (query.status !== "all") conditions.push(eq(tasks.completed, query.status === "completed"));
  if (query.priority) conditions.push(eq(tasks.priority, query.priority));
  if (query.tag !== undefined) {
    conditions.push(
      sql`exists (select 1 from unnest(${tasks.tags}) as tag where lower(tag) = lower(${query.tag}))`,
    );
  }
  if (query.q !== undefined) {
    const pattern = containsPattern(query.q);
    conditions.push(
      sql`(${tasks.title} ilike ${pattern} or ${tasks.description} ilike ${pattern})`,
    );
  }
  return conditions;
}

/**
 * How many tasks match the filters. Filtered by status at most, it is one row of the per-user
 * counts that triggers keep exact (ADR 0011); other filters count the matching rows.
 */
function matchingTotal(userId: string, query: ListQuery): SQL<number> {
  if (query.priority !== undefined || query.tag !== undefined || query.q !== undefined) {
    // The inner "tasks" shadows an outer one: the count ignores any cursor.
    return sql<number>`(select count(*) from ${tasks} where ${and(...filters(userId, query))})`;
  }
  const counted = {
    all: sql`${taskCounts.total}`,
    completed: sql`${taskCounts.completed}`,
    pending: sql`${taskCounts.total} - ${taskCounts.completed}`,
  }[query.status];
  return sql<number>`coalesce((select ${counted} from ${taskCounts} where ${eq(taskCounts.userId, userId)}), 0)`;
}

function whereTask(userId: string, id: number): SQL {
  // Every statement names the owner: another user's task is indistinguishable from none.
  return and(eq(tasks.userId, userId), eq(tasks.id, id)) as SQL;
}

function matching(precondition: Precondition | undefined): SQL | undefined {
  return precondition?.kind === "versions"
    ? inArray(tasks.version, precondition.versions)
    : undefined;
}

/** Prepared once: a named statement that each connection parses once. */
function prepareGet(db: Db) {
  return db
    .select()
    .from(tasks)
    .where(and(eq(tasks.userId, sql.placeholder("userId")), eq(tasks.id, sql.placeholder("id"))))
    .prepare("task-get");
}

/** All reads and writes of tasks; every query is scoped by the owner's id. */
export class TasksRepository {
  /** Reading one task, the hottest query, is built once. Also run by the benchmark's floor. */
  readonly getStatement: ReturnType<typeof prepareGet>;

  constructor(
    private readonly db: Db,
    private readonly cursors: CursorCodec,
  ) {
    this.getStatement = prepareGet(db);
  }

  /**
   * One statement per page: the rows after the cursor (plus one, to know whether there is a
   * next page), each carrying the count of every row that matches the filters, taken from
   * the same snapshot. Also run verbatim by the benchmark's floor server.
   */
  listQuery(userId: string, query: ListQuery) {
    const conditions = filters(userId, query);
    const position = query.cursor
      ? this.cursors.decode(query.cursor, query.sort, query.order)
      : null;
    if (query.cursor && !position) throw new InvalidCursorError();
    const pageConditions = position
      ? [...conditions, afterCursor(query.sort, query.order, position)]
      : conditions;
    return this.db
      .select({
        ...getTableColumns(tasks),
        total: matchingTotal(userId, query).mapWith(Number),
      })
      .from(tasks)
      .where(and(...pageConditions))
      .orderBy(...orderBy(query.sort, query.order))
      .limit(query.limit + 1);
  }

  async list(userId: string, query: ListQuery): Promise<TaskPage> {
    const rows = await this.listQuery(userId, query);
    const page = rows.slice(0, query.limit);
    const items = page.map((row) => toRecord(row).task);
    const last = page.at(-1);
    const next_cursor =
      rows.length > query.limit && last
        ? this.cursors.encode(query.sort, query.order, {
            value: sortValue(last, query.sort),
            id: last.id,
          })
        : null;
    // A page past the end carries no count; only then is it a query of its own.
    const total = rows[0]?.total ?? (query.cursor ? await this.#count(userId, query) : 0);
    return { items, total, next_cursor };
  }

  async #count(userId: string, query: ListQuery): Promise<number> {
    const { rows } = await this.db.execute<{ total: string }>(
      sql`select ${matchingTotal(userId, query)} as total`,
    );
    return Number(rows[0]?.total ?? 0);
  }

  async get(userId: string, id: number): Promise<TaskRecord | null> {
    const [row] = await this.getStatement.execute({ userId, id });
    return row ? toRecord(row) : null;
  }

  async create(
    userId: string,
    input: NewTask,
    idempotency?: IdempotencyKey,
  ): Promise<CreateResult> {
    const values = {
      userId,
      title: input.title,
      description: input.description,
      completed: input.completed,
      priority: input.priority,
      ...dueColumns(input.due_date),
      timeZone: input.time_zone,
      tags: input.tags,
    };
    if (!idempotency) {
      const [row] = await this.db.insert(tasks).values(values).returning();
      return { outcome: "created", record: toRecord(row as TaskRow) };
    }
    return this.db.transaction(async (tx) => {
      const key = and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, idempotency.key));
      await tx.delete(idempotencyKeys).where(and(key, expired()));
      // A concurrent twin blocks here on the primary key until the first one commits.
      const [claimed] = await tx
        .insert(idempotencyKeys)
        .values({ userId, key: idempotency.key, requestHash: idempotency.requestHash })
        .onConflictDoNothing()
        .returning({ key: idempotencyKeys.key });
      if (!claimed) {
        const [existing] = await tx.select().from(idempotencyKeys).where(key);
        if (!existing || existing.requestHash !== idempotency.requestHash || !existing.response) {
          return { outcome: "key_reused" } as const;
        }
        return { outcome: "replayed", record: existing.response as TaskRecord } as const;
      }
      const [row] = await tx.insert(tasks).values(values).returning();
      const record = toRecord(row as TaskRow);
      await tx.update(idempotencyKeys).set({ taskId: record.task.id, response: record }).where(key);
      return { outcome: "created", record } as const;
    });
  }

  update(
    userId: string,
    id: number,
    changes: TaskChanges,
    precondition?: Precondition,
  ): Promise<MutationResult> {
    const set: Partial<typeof tasks.$inferInsert> = {};
    if (changes.title !== undefined) set.title = changes.title;
    if (changes.description !== undefined) set.description = changes.description;
    if (changes.completed !== undefined) set.completed = changes.completed;
    if (changes.priority !== undefined) set.priority = changes.priority;
    if (changes.due_date !== undefined) Object.assign(set, dueColumns(changes.due_date));
    if (changes.time_zone !== undefined) set.timeZone = changes.time_zone;
    if (changes.tags !== undefined) set.tags = changes.tags;
    return this.#mutate(userId, id, set, precondition);
  }

  /** Sets `completed`, or toggles it when no value is given. */
  setCompleted(
    userId: string,
    id: number,
    completed: boolean | undefined,
    precondition?: Precondition,
  ): Promise<MutationResult> {
    return this.#mutate(
      userId,
      id,
      { completed: completed ?? sql`not ${tasks.completed}` },
      precondition,
    );
  }

  async delete(userId: string, id: number, precondition?: Precondition) {
    const [row] = await this.db
      .delete(tasks)
      .where(and(whereTask(userId, id), matching(precondition)))
      .returning({ id: tasks.id });
    if (row) return { outcome: "done" } as const;
    return this.#missOutcome(userId, id, precondition);
  }

  /** Deletes idempotency keys older than their time to live; returns how many. */
  async sweepIdempotencyKeys(): Promise<number> {
    const removed = await this.db
      .delete(idempotencyKeys)
      .where(expired())
      .returning({ key: idempotencyKeys.key });
    return removed.length;
  }

  async #mutate(
    userId: string,
    id: number,
    set: Record<string, unknown>,
    precondition: Precondition | undefined,
  ): Promise<MutationResult> {
    const [row] = await this.db
      .update(tasks)
      .set({
        ...set,
        version: sql`${tasks.version} + 1`,
        // Always forward, even when the clock has not moved a millisecond since the last change.
        updatedAt: sql`greatest(now(), ${tasks.updatedAt} + interval '1 millisecond')`,
      })
      .where(and(whereTask(userId, id), matching(precondition)))
      .returning();
    if (row) return { outcome: "done", record: toRecord(row) };
    return this.#missOutcome(userId, id, precondition);
  }

  /** After a write matched no row: was the task missing, or its version stale? */
  async #missOutcome(userId: string, id: number, precondition: Precondition | undefined) {
    if (precondition?.kind === "versions") {
      const [found] = await this.db
        .select({ id: tasks.id })
        .from(tasks)
        .where(whereTask(userId, id));
      if (found) return { outcome: "precondition_failed" } as const;
    }
    return { outcome: "not_found" } as const;
  }
}

function expired(): SQL {
  return lt(
    idempotencyKeys.createdAt,
    sql`now() - make_interval(hours => ${IDEMPOTENCY_TTL_HOURS})`,
  );
}
