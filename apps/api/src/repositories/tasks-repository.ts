import { isAllDay } from "@todo/contract/due-date";
import type { ListQuery, SortOrder, TaskSort } from "@todo/contract/list-query";
import { nextOccurrence } from "@todo/contract/occurrences";
import { type NewTask, type Task, type TaskChanges, taskSchema } from "@todo/contract/task";
import type { Db, Sql } from "@todo/db/client";
import { idempotencyKeys, lists, TITLE_COLLATION, taskCounts, tasks } from "@todo/db/schema";
import {
  and,
  asc,
  desc,
  eq,
  fillPlaceholders,
  inArray,
  isNull,
  type Placeholder,
  type SQL,
  sql,
} from "drizzle-orm";
import type { CursorCodec, CursorPosition } from "../lib/cursor";
import type { Precondition } from "../lib/etag";
import { versionEtag } from "../lib/etag";
import {
  claimIdempotencyKey,
  expiredIdempotencyKeys,
  type IdempotencyKey,
  saveIdempotentResponse,
  type Transaction,
} from "./idempotency";
import { isoText } from "./iso-text";
import { WriteLanes } from "./write-lanes";

export type TaskRow = typeof tasks.$inferSelect;
export type NewTaskRow = typeof tasks.$inferInsert;

/** A task as PostgreSQL wrote its JSON (`tasks.json`), with its id and entity tag. */
export interface TaskJson {
  id: number;
  json: string;
  etag: string;
}

export type MutationResult =
  | { outcome: "done"; record: TaskJson }
  | { outcome: "not_found" }
  | { outcome: "precondition_failed" };

export type CreateResult =
  | { outcome: "created"; record: TaskJson }
  | { outcome: "replayed"; record: TaskJson }
  | { outcome: "key_reused" };

/** A field (of a body or query) whose value the database shows to be invalid: a 422. */
export class InvalidFieldsError extends Error {
  constructor(readonly errors: { path: string; message: string }[]) {
    super("The task's fields are not valid.");
    this.name = "InvalidFieldsError";
  }
}

const TASK_FIELDS = Object.keys(taskSchema.shape) as (keyof Task)[];

const LIST_ID_INVALID = "Must be the id of one of your lists, or null";
const DUE_DATE_NEEDED = "Needs a due_date";

/**
 * The constraint a foreign key or check violation names: postgres.js's error, under Drizzle's
 * wrapper (`cause`) or as a `RawStatement` throws it.
 */
function violatedConstraint(error: unknown): string | undefined {
  const wrapped = (error as { cause?: unknown } | undefined)?.cause;
  const pgError = (wrapped ?? error) as { code?: string; constraint_name?: string } | undefined;
  return pgError?.code === "23503" || pgError?.code === "23514"
    ? pgError.constraint_name
    : undefined;
}

/**
 * The database enforces what the body alone cannot show: that `list_id` names a list of this
 * user, and that a recurrence or reminders keep a due date. Its refusals become field errors.
 */
function fieldErrorsOf(error: unknown, sent: Partial<NewTask>): InvalidFieldsError | undefined {
  switch (violatedConstraint(error)) {
    case "tasks_list_same_user_fk":
      return new InvalidFieldsError([{ path: "list_id", message: LIST_ID_INVALID }]);
    case "tasks_due_for_schedule": {
      const errors = [];
      if (sent.recurrence) errors.push({ path: "recurrence", message: DUE_DATE_NEEDED });
      if (sent.reminders?.length) errors.push({ path: "reminders", message: DUE_DATE_NEEDED });
      return new InvalidFieldsError(
        errors.length > 0
          ? errors
          : [
              {
                path: "due_date",
                message: "Cannot be cleared while the task recurs or has reminders",
              },
            ],
      );
    }
  }
  return undefined;
}

export class InvalidCursorError extends Error {
  constructor() {
    super("The cursor is invalid or belongs to another sort order.");
    this.name = "InvalidCursorError";
  }
}

const iso = (date: Date | null) => (date === null ? null : date.toISOString());

/**
 * What a write returns: the task's JSON and what its entity tag is made of. A task's wire format
 * is `tasks.json`, its JSON as stored with its row, which a trigger writes from the row on every
 * insert and update (`tasks_write_json`, migration 0018; ADRs 0037, 0043, 0047): no route maps
 * rows or serializes tasks in Node, and no read writes JSON.
 */
const writtenTask = { json: tasks.json, id: tasks.id, version: tasks.version };

function writtenRecord(row: WrittenTask): TaskJson {
  return { id: row.id, json: row.json, etag: versionEtag(row.id, row.version) };
}

/** A row of `statements.create` or `statements.complete` (an array: postgres.js sends a bigint as text). */
type WrittenRow = [json: string, id: string, version: number];

function rowRecord([json, id, version]: WrittenRow): TaskJson {
  return writtenRecord({ json, id: Number(id), version });
}

function createdRecord(row: WrittenRow | undefined): TaskJson {
  if (!row) throw new Error("The insert returned no row");
  return rowRecord(row);
}

/** The row of a new task as validated on create (and on import). */
export function taskValues(userId: string, input: NewTask): NewTaskRow {
  return {
    userId,
    title: input.title,
    description: input.description,
    completed: input.completed,
    completedAt: input.completed ? new Date() : null,
    priority: input.priority,
    ...dueColumns(input.due_date),
    timeZone: input.time_zone,
    tags: input.tags,
    listId: input.list_id,
    recurrence: input.recurrence,
    recurrenceFrom: input.recurrence_from,
    reminderOffsets: reminderOffsets(input.reminders),
  };
}

/** The stored form of a due date: the moment of a timed task, or the day of an all-day one. */
function dueColumns(dueDate: string | null): { dueDate: Date | null; dueOn: string | null } {
  if (dueDate === null) return { dueDate: null, dueOn: null };
  return isAllDay(dueDate)
    ? { dueDate: null, dueOn: dueDate }
    : { dueDate: new Date(dueDate), dueOn: null };
}

/** The sort key in SQL, and how a cursor value is turned back into that type. */
function sortKey(sort: TaskSort): { column: SQL; param: (value: Placeholder) => SQL } {
  switch (sort) {
    case "created_at":
    case "updated_at":
    case "due_date":
    case "completed_at": {
      const column = {
        created_at: tasks.createdAt,
        updated_at: tasks.updatedAt,
        due_date: tasks.dueInstant,
        completed_at: tasks.completedAt,
      }[sort];
      return { column: sql`${column}`, param: (value) => sql`${value}::timestamptz` };
    }
    case "priority":
      // The enum is declared low < medium < high, so it sorts by rank.
      return { column: sql`${tasks.priority}`, param: (value) => sql`${value}::task_priority` };
    case "title":
      // As people read titles ("apple" < "Banana", "Émile" among the E's), the same on every
      // server: an ICU collation, deterministic, so equal keys are exactly equal titles (ADR 0034).
      return {
        column: sql`${tasks.title} collate ${sql.identifier(TITLE_COLLATION)}`,
        param: (value) => sql`${value}::text collate ${sql.identifier(TITLE_COLLATION)}`,
      };
  }
}

/** A sort key's value (`sortKey`'s column) as text, as carried in a cursor. */
function cursorText(sort: TaskSort, value: SQL): SQL<string | null> {
  switch (sort) {
    case "created_at":
    case "updated_at":
    case "due_date":
    case "completed_at":
      return isoText(value);
    case "priority":
      return sql`${value}::text`;
    case "title":
      return sql`${value}`;
  }
}

/** The sort keys a task may lack (`due_date`, `completed_at`): those tasks come last. */
function nullableColumn(sort: TaskSort): SQL | null {
  if (sort === "due_date") return sql`${tasks.dueInstant}`;
  if (sort === "completed_at") return sql`${tasks.completedAt}`;
  return null;
}

/**
 * Rows strictly after the cursor (placeholders `cursorValue`, `cursorId`) in (sort key, id)
 * order; `valueIsNull` when the cursor's value is null. Nulls come last in both orders, so
 * after a non-null value come the remaining non-nulls, then every null.
 */
function afterCursor(sort: TaskSort, order: SortOrder, valueIsNull: boolean): SQL {
  const { column, param } = sortKey(sort);
  const nullable = nullableColumn(sort);
  const beyond = order === "asc" ? sql`>` : sql`<`;
  const id = placeholder("cursorId");
  if (valueIsNull) {
    if (!nullable) throw new InvalidCursorError();
    return sql`(${nullable} is null and ${tasks.id} ${beyond} ${id})`;
  }
  const tuple = sql`(${column}, ${tasks.id}) ${beyond} (${param(placeholder("cursorValue"))}, ${id})`;
  return nullable ? sql`(${tuple} or ${nullable} is null)` : tuple;
}

function orderBy(sort: TaskSort, order: SortOrder): SQL[] {
  const { column } = sortKey(sort);
  const direction = order === "asc" ? asc : desc;
  const key = nullableColumn(sort)
    ? sql`${column} ${sql.raw(order)} nulls last`
    : direction(column);
  return [key, direction(tasks.id)];
}

/** `%`, `_` and `\` in the search text match themselves. */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, "\\$&")}%`;
}

/** The filters of a list query, with its values as placeholders (`filterValues` fills them). */
function filters(query: ListQuery): SQL[] {
  const conditions: SQL[] = [eq(tasks.userId, placeholder("userId"))];
  if (query.status !== "all") conditions.push(eq(tasks.completed, placeholder("completed")));
  if (query.priority) conditions.push(eq(tasks.priority, placeholder("priority")));
  if (query.tag !== undefined) {
    conditions.push(
      sql`exists (select 1 from unnest(${tasks.tags}) as tag where lower(tag) = lower(${placeholder("tag")}))`,
    );
  }
  if (query.q !== undefined) {
    const pattern = placeholder("pattern");
    conditions.push(
      sql`(${tasks.title} ilike ${pattern} or ${tasks.description} ilike ${pattern})`,
    );
  }
  if (query.list_id !== undefined) {
    conditions.push(
      query.list_id === "inbox" ? isNull(tasks.listId) : eq(tasks.listId, placeholder("listId")),
    );
  }
  if (query.due_before !== undefined) {
    conditions.push(sql`${tasks.dueInstant} < ${placeholder("dueBefore")}::timestamptz`);
  }
  if (query.due_after !== undefined) {
    conditions.push(sql`${tasks.dueInstant} >= ${placeholder("dueAfter")}::timestamptz`);
  }
  return conditions;
}

/** The values of `filters`' placeholders. */
function filterValues(userId: string, query: ListQuery): Record<string, unknown> {
  return {
    userId,
    completed: query.status === "completed",
    priority: query.priority,
    tag: query.tag,
    pattern: query.q === undefined ? undefined : containsPattern(query.q),
    listId: query.list_id,
    dueBefore: query.due_before === undefined ? undefined : iso(new Date(query.due_before)),
    dueAfter: query.due_after === undefined ? undefined : iso(new Date(query.due_after)),
  };
}

/**
 * How many tasks match the filters. Filtered by status at most, it is one row of the per-user
 * counts that triggers keep exact (ADR 0011); other filters count the matching rows.
 */
function matchingTotal(query: ListQuery): SQL<number> {
  if (
    query.priority !== undefined ||
    query.tag !== undefined ||
    query.q !== undefined ||
    query.list_id !== undefined ||
    query.due_before !== undefined ||
    query.due_after !== undefined
  ) {
    // The inner "tasks" shadows an outer one: the count ignores any cursor.
    return sql<number>`(select count(*) from ${tasks} where ${and(...filters(query))})`;
  }
  const counted = {
    all: sql`${taskCounts.total}`,
    completed: sql`${taskCounts.completed}`,
    pending: sql`${taskCounts.total} - ${taskCounts.completed}`,
  }[query.status];
  return sql<number>`coalesce((select ${counted} from ${taskCounts} where ${eq(taskCounts.userId, placeholder("userId"))}), 0)`;
}

/** What decides a list statement's text: which filters are present, the sort, the cursor. */
function listShape(query: ListQuery, position: CursorPosition | null): string {
  const present = (value: unknown) => (value === undefined ? "-" : "+");
  return [
    query.status,
    present(query.priority),
    present(query.tag),
    present(query.q),
    query.list_id === "inbox" ? "inbox" : present(query.list_id),
    present(query.due_before),
    present(query.due_after),
    position === null ? "-" : position.value === null ? "null" : "+",
    query.sort,
    query.order,
  ].join(" ");
}

/**
 * A statement whose rows go out as they come (ADR 0037): the text Drizzle built once, run by
 * postgres.js (prepared, as every statement), its rows as arrays, without Drizzle's mapping. On
 * the pool, or on a transaction's connection (`transactionClient`).
 */
class RawStatement<Row extends unknown[]> {
  readonly text: string;
  readonly #params: unknown[];

  constructor(
    private readonly client: Sql,
    query: { toSQL(): { sql: string; params: unknown[] } },
  ) {
    const { sql: text, params } = query.toSQL();
    this.text = text;
    this.#params = params;
  }

  /** The statement's parameters, its placeholders filled from `values`. */
  params(values: Record<string, unknown>): unknown[] {
    return fillPlaceholders(this.#params, values);
  }

  async run(values: Record<string, unknown>, client: Sql = this.client): Promise<Row[]> {
    const rows = await client.unsafe(this.text, this.params(values) as never[]).values();
    return rows as unknown as Row[];
  }
}

/**
 * The postgres.js connection a Drizzle transaction runs on (its session's client: the pool's
 * `begin` wrapped by `createSql`, so prepared and bounded as every statement).
 */
function transactionClient(tx: Transaction): Sql {
  return (tx._.session as unknown as { client: Sql }).client;
}

/**
 * A page as one row: the tasks' JSON joined by commas, how many rows the statement found (one
 * more than the page means a next page), the last task's sort value as text and id (the next
 * cursor), and the matching total.
 */
type ListRow = [
  items: string | null,
  found: string,
  cursorValue: string | null,
  cursorId: string | null,
  total: string,
];

/**
 * The page's rows in the subquery, their JSON gathered by `array_agg` in the subquery's order
 * (as PostgREST does): one row per page rather than one per task, and only the last task's sort
 * value formatted (ADR 0043).
 */
function prepareList(db: Db, query: ListQuery, position: CursorPosition | null) {
  const conditions = filters(query);
  if (position) conditions.push(afterCursor(query.sort, query.order, position.value === null));
  const page = db
    .select({ json: tasks.json, key: sortKey(query.sort).column.as("key"), id: tasks.id })
    .from(tasks)
    .where(and(...conditions))
    .orderBy(...orderBy(query.sort, query.order))
    .limit(placeholder("found"))
    .as("page");
  const last = placeholder("limit");
  return new RawStatement<ListRow>(
    db.$client,
    db
      .select({
        items: sql`array_to_string((array_agg(${page.json}))[1:${last}::int], ',')`,
        found: sql`count(*)`,
        cursorValue: cursorText(query.sort, sql`(array_agg(${page.key}))[${last}::int]`),
        cursorId: sql`(array_agg(${page.id}))[${last}::int]`,
        total: matchingTotal(query),
      })
      .from(page),
  );
}

/** Distinct list statements kept built; past this, the cache starts again (rare shapes). */
const MAX_LIST_SHAPES = 200;

function whereTask(userId: string, id: number): SQL {
  // Every statement names the owner: another user's task is indistinguishable from none.
  return and(eq(tasks.userId, userId), eq(tasks.id, id)) as SQL;
}

function matching(precondition: Precondition | undefined): SQL | undefined {
  return precondition?.kind === "versions"
    ? inArray(tasks.version, precondition.versions)
    : undefined;
}

const placeholder = sql.placeholder;
/** A nullable timestamp's placeholder, cast by the server: Drizzle's own encoder refuses null. */
const instantPlaceholder = (name: string) => sql`${placeholder(name)}::timestamptz`;

/**
 * The hot statements, built once rather than per request (ADR 0035): reading one task, creating
 * one, completing or toggling one without a precondition, and checking a list filter. Each connection prepares each once.
 * Also run by the benchmark's floor (`get`).
 */
function prepareStatements(db: Db) {
  const owned = and(eq(tasks.userId, placeholder("userId")), eq(tasks.id, placeholder("id")));
  // `completed` is the value sent, or null to toggle.
  const completed = sql`coalesce(${placeholder("completed")}::boolean, not ${tasks.completed})`;
  return {
    get: new RawStatement<[json: string, version: number]>(
      db.$client,
      db.select({ json: tasks.json, version: tasks.version }).from(tasks).where(owned),
    ),
    // A list filter names one of the user's lists (else a 422).
    listExists: db
      .select({ id: lists.id })
      .from(lists)
      .where(and(eq(lists.userId, placeholder("userId")), eq(lists.id, placeholder("id"))))
      .prepare("list-exists"),
    // Run on the pool, or inside the transaction of a create with Idempotency-Key.
    create: new RawStatement<WrittenRow>(
      db.$client,
      db
        .insert(tasks)
        .values({
          userId: placeholder("userId"),
          title: placeholder("title"),
          description: placeholder("description"),
          completed: placeholder("completed"),
          completedAt: instantPlaceholder("completedAt"),
          priority: placeholder("priority"),
          dueDate: instantPlaceholder("dueDate"),
          dueOn: placeholder("dueOn"),
          timeZone: placeholder("timeZone"),
          tags: placeholder("tags"),
          listId: placeholder("listId"),
          recurrence: placeholder("recurrence"),
          recurrenceFrom: placeholder("recurrenceFrom"),
          reminderOffsets: placeholder("reminderOffsets"),
        })
        .returning(writtenTask),
    ),
    // #complete's first statement for `setCompleted` without a precondition; rows as arrays,
    // as the reads and the create (no row mapping on the request path).
    complete: new RawStatement<WrittenRow>(
      db.$client,
      db
        .update(tasks)
        .set({ ...bumpedVersion(), completed, completedAt: completedAtAfter(completed) })
        .where(and(owned, sql`not ${advances(sql`${tasks.recurrence}`)}`))
        .returning(writtenTask),
    ),
  };
}

/** All reads and writes of tasks; every query is scoped by the owner's id. */
export class TasksRepository {
  readonly statements: ReturnType<typeof prepareStatements>;
  /** List statements by shape (`listShape`). */
  readonly #listStatements = new Map<string, ReturnType<typeof prepareList>>();

  constructor(
    private readonly db: Db,
    private readonly cursors: CursorCodec,
    /** Where a user's one-statement writes go; by default the pool itself (no lanes). */
    private readonly lanes = new WriteLanes([db.$client]),
  ) {
    this.statements = prepareStatements(db);
  }

  /**
   * One statement per page, one row (`ListRow`): the rows after the cursor (plus one, to know
   * whether there is a next page) and the count of every row that matches the filters, taken
   * from the same snapshot. Built once per shape of query (which filters, sort, cursor), its values
   * as placeholders. Also run verbatim by the benchmark's floor server.
   */
  listStatement(
    userId: string,
    query: ListQuery,
  ): { statement: RawStatement<ListRow>; values: Record<string, unknown> } {
    const position = query.cursor
      ? this.cursors.decode(query.cursor, query.sort, query.order)
      : null;
    if (query.cursor && !position) throw new InvalidCursorError();
    const shape = listShape(query, position);
    let statement = this.#listStatements.get(shape);
    if (!statement) {
      statement = prepareList(this.db, query, position);
      if (this.#listStatements.size >= MAX_LIST_SHAPES) this.#listStatements.clear();
      this.#listStatements.set(shape, statement);
    }
    const values = {
      ...filterValues(userId, query),
      cursorValue: position?.value,
      cursorId: position?.id,
      limit: query.limit,
      found: query.limit + 1,
    };
    return { statement, values };
  }

  /** The page's JSON as served: `{"items": [...], "total": N, "next_cursor": ...}`. */
  async list(userId: string, query: ListQuery): Promise<string> {
    const { statement, values } = this.listStatement(userId, query);
    const [rows, listFound] = await Promise.all([
      statement.run(values),
      typeof query.list_id === "number" ? this.#listExists(userId, query.list_id) : true,
    ]);
    if (!listFound) throw new InvalidFieldsError([{ path: "list_id", message: LIST_ID_INVALID }]);
    // An aggregate without GROUP BY: always one row, even past the end.
    const [items, found, cursorValue, cursorId, total] = rows[0] as ListRow;
    const nextCursor =
      Number(found) > query.limit
        ? this.cursors.encode(query.sort, query.order, { value: cursorValue, id: Number(cursorId) })
        : null;
    return `{"items":[${items ?? ""}],"total":${total},"next_cursor":${JSON.stringify(nextCursor)}}`;
  }

  async #listExists(userId: string, listId: number): Promise<boolean> {
    const [found] = await this.statements.listExists.execute({ userId, id: listId });
    return found !== undefined;
  }

  async get(userId: string, id: number): Promise<TaskJson | null> {
    const [row] = await this.statements.get.run({ userId, id });
    return row ? { id, json: row[0], etag: versionEtag(id, row[1]) } : null;
  }

  create(userId: string, input: NewTask, idempotency?: IdempotencyKey): Promise<CreateResult> {
    return withFieldErrors(this.#create(userId, input, idempotency), input);
  }

  async #create(
    userId: string,
    input: NewTask,
    idempotency?: IdempotencyKey,
  ): Promise<CreateResult> {
    const values = taskValues(userId, input);
    const params = {
      ...values,
      completedAt: iso(values.completedAt ?? null),
      dueDate: iso(values.dueDate ?? null),
    };
    if (!idempotency) {
      const [row] = await this.statements.create.run(params, this.lanes.for(userId).sql);
      return { outcome: "created", record: createdRecord(row) };
    }
    return this.db.transaction(async (tx) => {
      const claim = await claimIdempotencyKey<StoredResponse>(tx, userId, idempotency);
      if (claim.outcome === "key_reused") return claim;
      if (claim.outcome === "replayed") {
        return { outcome: "replayed", record: replayedRecord(claim.response) };
      }
      // The same prepared statement as without a key, on the transaction's connection.
      const [row] = await this.statements.create.run(params, transactionClient(tx));
      const record = createdRecord(row);
      // Stored as it was sent (a JSON string keeps its bytes in jsonb), so a replay is identical.
      await saveIdempotentResponse(tx, userId, idempotency.key, record, record.id);
      return { outcome: "created", record } as const;
    });
  }

  update(
    userId: string,
    id: number,
    changes: TaskChanges,
    precondition?: Precondition,
  ): Promise<MutationResult> {
    const set: TaskSet = {};
    if (changes.title !== undefined) set.title = changes.title;
    if (changes.description !== undefined) set.description = changes.description;
    if (changes.completed !== undefined) {
      set.completed = changes.completed;
      set.completedAt = completedAtAfter(sql`${changes.completed}`);
    }
    if (changes.priority !== undefined) set.priority = changes.priority;
    if (changes.due_date !== undefined) Object.assign(set, dueColumns(changes.due_date));
    if (changes.time_zone !== undefined) set.timeZone = changes.time_zone;
    if (changes.tags !== undefined) set.tags = changes.tags;
    if (changes.list_id !== undefined) set.listId = changes.list_id;
    if (changes.recurrence !== undefined) set.recurrence = changes.recurrence;
    if (changes.recurrence_from !== undefined) set.recurrenceFrom = changes.recurrence_from;
    if (changes.reminders !== undefined) set.reminderOffsets = reminderOffsets(changes.reminders);
    return withFieldErrors(
      changes.completed === true
        ? this.#complete(userId, id, () => set, precondition)
        : this.#mutate(userId, id, set, precondition),
      changes,
    );
  }

  /** Sets `completed`, or toggles it when no value is given. */
  setCompleted(
    userId: string,
    id: number,
    completed: boolean | undefined,
    precondition?: Precondition,
  ): Promise<MutationResult> {
    const set = () => {
      const value = completed === undefined ? sql`not ${tasks.completed}` : sql`${completed}`;
      return { completed: value, completedAt: completedAtAfter(value) };
    };
    if (completed === false) return this.#mutate(userId, id, set(), precondition);
    const prepared =
      precondition === undefined
        ? this.statements.complete
            .run({ userId, id, completed: completed ?? null }, this.lanes.for(userId).sql)
            .then(([row]) => row && rowRecord(row))
        : undefined;
    return this.#complete(userId, id, set, precondition, prepared);
  }

  async delete(userId: string, id: number, precondition?: Precondition) {
    const [row] = await this.lanes
      .for(userId)
      .db.delete(tasks)
      .where(and(whereTask(userId, id), matching(precondition)))
      .returning({ id: tasks.id });
    if (row) return { outcome: "done" } as const;
    return this.#missOutcome(userId, id, precondition);
  }

  /** Deletes idempotency keys older than their time to live; returns how many. */
  async sweepIdempotencyKeys(): Promise<number> {
    const removed = await this.db
      .delete(idempotencyKeys)
      .where(expiredIdempotencyKeys())
      .returning({ key: idempotencyKeys.key });
    return removed.length;
  }

  async #mutate(
    userId: string,
    id: number,
    set: TaskSet,
    precondition: Precondition | undefined,
  ): Promise<MutationResult> {
    const row = await this.#write(userId, id, set, matching(precondition));
    if (row) return { outcome: "done", record: writtenRecord(row) };
    return this.#missOutcome(userId, id, precondition);
  }

  /** Applies `set` to the task if `condition` holds; returns the row written. */
  async #write(userId: string, id: number, set: TaskSet, condition: SQL | undefined) {
    const [row] = await this.lanes
      .for(userId)
      .db.update(tasks)
      .set({ ...set, ...bumpedVersion() })
      .where(and(whereTask(userId, id), condition))
      .returning(writtenTask);
    return row;
  }

  /**
   * Applies `set`, which may complete the task. An open task that recurs (after `set`) is not
   * completed but moved to its next occurrence (docs/api.md, Completing a recurring task). The common case, a task
   * that does not recur, is one statement; a recurring one is read, advanced in code, and
   * written back only if its version is still the one read (else read again).
   */
  async #complete(
    userId: string,
    id: number,
    changes: () => TaskSet,
    precondition: Precondition | undefined,
    /** The first statement prepared, when there is one for this call (`statements.complete`). */
    prepared?: Promise<TaskJson | undefined>,
  ): Promise<MutationResult> {
    // Built only when needed: the prepared statement (the common toggle) takes none of it.
    let built: TaskSet | undefined;
    const set = () => {
      built ??= changes();
      return built;
    };
    const plain = prepared
      ? await prepared
      : await this.#write(userId, id, set(), and(matching(precondition), notAdvancing(set()))).then(
          (row) => row && writtenRecord(row),
        );
    if (plain) return { outcome: "done", record: plain };
    for (;;) {
      const [row] = await this.lanes
        .for(userId)
        .db.select()
        .from(tasks)
        .where(whereTask(userId, id));
      if (!row) return { outcome: "not_found" };
      if (precondition?.kind === "versions" && !precondition.versions.includes(row.version)) {
        return { outcome: "precondition_failed" };
      }
      const next = row.completed ? null : this.#advance(row, set());
      const written = await this.#write(userId, id, next ?? set(), eq(tasks.version, row.version));
      if (written) return { outcome: "done", record: writtenRecord(written) };
    }
  }

  /** `set` applied to `row`, then completed into its next occurrence; null when none is left. */
  #advance(row: TaskRow, set: TaskSet): TaskSet | null {
    const merged = { ...row, ...set } as TaskRow;
    const recurrence = merged.recurrence;
    const dueDate = merged.dueOn ?? iso(merged.dueDate);
    if (recurrence === null || dueDate === null) return null;
    const next = nextOccurrence(
      {
        dueDate,
        timeZone: merged.timeZone,
        recurrence,
        recurrenceFrom: merged.recurrenceFrom,
      },
      new Date(),
    );
    if (!next) return null;
    return {
      ...set,
      completed: false,
      completedAt: null,
      ...dueColumns(next.dueDate),
      recurrence: next.recurrence,
    };
  }

  /** After a write matched no row: was the task missing, or its version stale? */
  async #missOutcome(userId: string, id: number, precondition: Precondition | undefined) {
    if (precondition?.kind === "versions") {
      const [found] = await this.lanes
        .for(userId)
        .db.select({ id: tasks.id })
        .from(tasks)
        .where(whereTask(userId, id));
      if (found) return { outcome: "precondition_failed" } as const;
    }
    return { outcome: "not_found" } as const;
  }
}

/**
 * A create's first response as stored: its JSON, or (stored before ADR 0037's update, kept
 * at most 24 hours) the Task as an object, which the response schema wrote in its order.
 */
type StoredResponse = TaskJson | { task: Task; etag: string };

function replayedRecord(stored: StoredResponse): TaskJson {
  if ("json" in stored) return stored;
  const { task, etag } = stored;
  const ordered = Object.fromEntries(TASK_FIELDS.map((field) => [field, task[field]]));
  return { id: task.id, json: JSON.stringify(ordered), etag };
}

type WrittenTask = { json: string; id: number; version: number };

type TaskSet = { [K in keyof typeof tasks.$inferInsert]?: (typeof tasks.$inferInsert)[K] | SQL };

function reminderOffsets(reminders: { before_minutes: number }[]): number[] {
  return reminders.map((reminder) => reminder.before_minutes);
}

/** The version and `updated_at` of every write. */
function bumpedVersion() {
  return {
    version: sql`${tasks.version} + 1`,
    // Always forward, even when the clock has not moved a millisecond since the last change.
    updatedAt: sql`greatest(now(), ${tasks.updatedAt} + interval '1 millisecond')`,
  };
}

/** Whether completing the task (with this recurrence) moves it to its next occurrence instead. */
function advances(recurrence: SQL): SQL {
  return sql`(${recurrence} is not null and not ${tasks.completed})`;
}

/** That `set` does not move the task to its next occurrence (with the recurrence it sets, if any). */
function notAdvancing(set: TaskSet): SQL {
  const recurrence =
    set.recurrence === undefined ? sql`${tasks.recurrence}` : sql`${set.recurrence}::text`;
  return sql`not ${advances(recurrence)}`;
}

/** `completed_at` once `completed` becomes `value`: kept if it already was, else now or null. */
function completedAtAfter(value: SQL): SQL {
  return sql`case when ${value} then (case when ${tasks.completed} then ${tasks.completedAt} else now() end) end`;
}

/** Runs a write, turning the database's refusal of a sent field into field errors. */
async function withFieldErrors<T>(write: Promise<T>, sent: Partial<NewTask>): Promise<T> {
  try {
    return await write;
  } catch (error) {
    throw fieldErrorsOf(error, sent) ?? error;
  }
}
