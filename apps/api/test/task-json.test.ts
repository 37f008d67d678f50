import { EXPORT_FORMAT, EXPORT_VERSION, importSchema } from "@todo/contract/export";
import { listQuerySchema } from "@todo/contract/list-query";
import { createTaskSchema, type Task, taskSchema, updateTaskSchema } from "@todo/contract/task";
import { createDb, createSql } from "@todo/db/client";
import { lists, tasks } from "@todo/db/schema";
import { and, eq } from "drizzle-orm";
import { afterAll, describe, expect, inject, it } from "vitest";
import { CursorCodec } from "../src/lib/cursor";
import { AccountRepository } from "../src/repositories/account-repository";
import { type TaskRow, TasksRepository } from "../src/repositories/tasks-repository";
import { newUserId, TEST_CURSOR_SECRET } from "./helpers";

// PostgreSQL writes a task's JSON, and it is the only writer (ADR 0037): reads send it, writes
// return it, the export holds it. Each is checked here against what the fields were set to, and
// against `JSON.stringify`'s form of the same value (compact, its escaping, the schema's order).
const sql = createSql(inject("databaseUrl"), { applicationName: "todo-api-test", max: 1 });
afterAll(() => sql.end());
const db = createDb(sql);
const repository = new TasksRepository(db, new CursorCodec(TEST_CURSOR_SECRET));
const account = new AccountRepository(db);

/** The new task's id, and the JSON its create returned. */
async function created(userId: string, fields: Record<string, unknown>) {
  const result = await repository.create(userId, createTaskSchema.parse(fields));
  if (result.outcome !== "created") throw new Error(result.outcome);
  return result.record;
}

/** Stores what no request could send (timestamps, control characters) straight in the row. */
async function stored(userId: string, id: number, set: Partial<TaskRow>) {
  if (Object.keys(set).length === 0) return;
  await db
    .update(tasks)
    .set(set)
    .where(and(eq(tasks.userId, userId), eq(tasks.id, id)));
}

async function served(userId: string, id: number): Promise<string> {
  const found = await repository.get(userId, id);
  if (!found) throw new Error("not found");
  return found.json;
}

/** What a write (an update that changes nothing the JSON shows but the version) returns. */
async function written(userId: string, id: number): Promise<string> {
  const { priority } = JSON.parse(await served(userId, id)) as Task;
  const result = await repository.update(userId, id, updateTaskSchema.parse({ priority }));
  if (result.outcome !== "done") throw new Error(result.outcome);
  return result.record.json;
}

/** JSON as `JSON.stringify` writes a Task: compact, its escaping, the schema's field order. */
function expectTaskJson(json: string) {
  const task = JSON.parse(json);
  expect(JSON.stringify(task)).toBe(json);
  expect(Object.keys(task)).toEqual(Object.keys(taskSchema.shape));
  expect(taskSchema.strict().safeParse(task).success).toBe(true);
  return task as Task;
}

describe("the JSON PostgreSQL writes for a task", () => {
  const userId = newUserId();

  const cases: [string, Record<string, unknown>, Partial<TaskRow>, Partial<Task>][] = [
    [
      "defaults and nulls",
      { title: "plain" },
      {},
      {
        title: "plain",
        description: null,
        completed: false,
        priority: "medium",
        due_date: null,
        tags: [],
        list_id: null,
        recurrence: null,
        reminders: [],
        completed_at: null,
      },
    ],
    [
      "timestamps on a whole second (ms = 0) and at the ends of the years a due date takes",
      { title: "edges", due_date: "9999-12-31T23:59:59.999Z", completed: true },
      {
        createdAt: new Date("1000-01-01T00:00:00.001Z"),
        updatedAt: new Date("2026-03-01T00:00:00.000Z"),
        completedAt: new Date("2026-03-01T00:00:00.000Z"),
      },
      {
        due_date: "9999-12-31T23:59:59.999Z",
        created_at: "1000-01-01T00:00:00.001Z",
        completed_at: "2026-03-01T00:00:00.000Z",
      },
    ],
    [
      "an all-day date at the end of its range",
      { title: "all day", due_date: "9999-12-30" },
      {},
      { due_date: "9999-12-30" },
    ],
    [
      "a date-time with an offset, in UTC",
      { title: "offset", due_date: "2026-12-06T23:30:00.5+05:30", time_zone: "Asia/Kolkata" },
      {},
      { due_date: "2026-12-06T18:00:00.500Z", time_zone: "Asia/Kolkata" },
    ],
    [
      "unicode, emoji and characters JSON escapes",
      {
        title: "unicode",
        description: "tab\tline\nreturn\r end",
        tags: ['a"b', "ünï", "🏷️"],
      },
      {
        title:
          'Emoji 😀 "quoted" \\ back, é, 中文, \u2028 \u007f controls \u0001 \u0008 \u000c \u001f',
      },
      {
        title:
          'Emoji 😀 "quoted" \\ back, é, 中文, \u2028 \u007f controls \u0001 \u0008 \u000c \u001f',
        description: "tab\tline\nreturn\r end",
        tags: ['a"b', "ünï", "🏷️"],
      },
    ],
    [
      "recurrence and reminders, in their order",
      {
        title: "recurring",
        due_date: "2026-12-07",
        time_zone: "Europe/Paris",
        recurrence: "FREQ=WEEKLY;BYDAY=MO",
        recurrence_from: "completion",
        reminders: [{ before_minutes: 30 }, { before_minutes: 0 }, { before_minutes: 40320 }],
        priority: "high",
      },
      {},
      {
        recurrence: "FREQ=WEEKLY;BYDAY=MO",
        recurrence_from: "completion",
        reminders: [{ before_minutes: 30 }, { before_minutes: 0 }, { before_minutes: 40320 }],
        priority: "high",
      },
    ],
  ];

  for (const [name, fields, set, fieldsServed] of cases) {
    it(`is the same for reads, writes and the export: ${name}`, async () => {
      const create = await created(userId, fields);
      await stored(userId, create.id, set);
      const read = await served(userId, create.id);
      expect(expectTaskJson(read)).toMatchObject({
        ...fieldsServed,
        id: create.id,
        user_id: userId,
      });
      if (Object.keys(set).length === 0) expect(create.json).toBe(read);
      // A write returns what a read then sends, byte for byte.
      const write = await written(userId, create.id);
      expect(write).toBe(await served(userId, create.id));
      expect(expectTaskJson(write)).toMatchObject(fieldsServed);
      expect((await account.export(userId)).tasks).toContain(write);
    });
  }

  it("writes timestamps of any year PostgreSQL stores as toISOString does", async () => {
    const { id } = await created(userId, { title: "old" });
    // An import keeps `created_at` as sent, any RFC 3339 year; PostgreSQL stores years 1 to 9999.
    const moments = [
      "0001-01-01T00:00:00.000Z",
      "0010-06-15T12:30:45.678Z",
      "0999-12-31T23:59:59.999Z",
      "9999-12-31T23:59:59.999Z",
    ];
    for (const moment of moments) {
      await stored(userId, id, { createdAt: new Date(moment) });
      expect(JSON.parse(await served(userId, id)).created_at).toBe(moment);
      expect(JSON.parse(await written(userId, id)).created_at).toBe(moment);
    }
  });

  it("writes an all-day date of any stored year as YYYY-MM-DD", async () => {
    const { id } = await created(userId, { title: "all day, early" });
    for (const day of ["0001-01-01", "0010-01-01", "0999-12-31"]) {
      await stored(userId, id, { dueOn: day });
      expect(JSON.parse(await served(userId, id)).due_date).toBe(day);
      expect(JSON.parse(await written(userId, id)).due_date).toBe(day);
    }
  });

  it("escapes control characters so that they parse back exactly", async () => {
    const { id } = await created(userId, { title: "controls" });
    await stored(userId, id, { description: '\u0001\u001f\b\f\\"/' });
    expect(JSON.parse(await served(userId, id)).description).toBe('\u0001\u001f\b\f\\"/');
  });

  it("writes a list_id as a number", async () => {
    const [list] = await db
      .insert(lists)
      .values({ userId, name: "Home", position: 0 })
      .returning({ id: lists.id });
    const create = await created(userId, { title: "in a list", list_id: list?.id });
    expect(create.json).toBe(await served(userId, create.id));
    expect(JSON.parse(create.json).list_id).toBe(list?.id);
  });

  it("is what completing returns, the prepared statement's and a recurring task's", async () => {
    const plain = await created(userId, { title: "complete me" });
    const done = await repository.setCompleted(userId, plain.id, undefined);
    if (done.outcome !== "done") throw new Error(done.outcome);
    expect(done.record.json).toBe(await served(userId, plain.id));
    expect(expectTaskJson(done.record.json)).toMatchObject({ completed: true });

    const recurring = await created(userId, {
      title: "weekly",
      due_date: "2026-12-07",
      recurrence: "FREQ=WEEKLY",
    });
    const advanced = await repository.setCompleted(userId, recurring.id, true);
    if (advanced.outcome !== "done") throw new Error(advanced.outcome);
    expect(advanced.record.json).toBe(await served(userId, recurring.id));
    expect(expectTaskJson(advanced.record.json)).toMatchObject({
      completed: false,
      due_date: "2026-12-14",
    });
  });
});

describe("a page", () => {
  it("is the tasks' JSON in order, the total and the cursor, as one document", async () => {
    const userId = newUserId();
    const ids: number[] = [];
    for (const title of ["one", "two", "three"]) ids.push((await created(userId, { title })).id);
    const first = JSON.parse(
      await repository.list(userId, listQuerySchema.parse({ limit: "2", sort: "title" })),
    );
    expect(first.items.map((task: { title: string }) => task.title)).toEqual(["two", "three"]);
    expect(first.total).toBe(3);
    const rest = await repository.list(
      userId,
      listQuerySchema.parse({ limit: "2", sort: "title", cursor: first.next_cursor }),
    );
    expect(rest).toBe(
      `{"items":[${await served(userId, ids[0] as number)}],"total":3,"next_cursor":null}`,
    );
  });

  it("of no task is an empty list", async () => {
    expect(await repository.list(newUserId(), listQuerySchema.parse({}))).toBe(
      '{"items":[],"total":0,"next_cursor":null}',
    );
  });
});

/**
 * The task JSON.stringify writes from the row's columns as Drizzle reads them: an oracle
 * independent of the SQL that stores `tasks.json` (migration 0018), for a row of years 100 on.
 */
function rowTaskJson(row: TaskRow): string {
  const task: Task = {
    id: row.id,
    user_id: row.userId,
    title: row.title,
    description: row.description,
    completed: row.completed,
    priority: row.priority,
    due_date: row.dueOn ?? row.dueDate?.toISOString() ?? null,
    time_zone: row.timeZone,
    tags: row.tags,
    list_id: row.listId,
    recurrence: row.recurrence,
    recurrence_from: row.recurrenceFrom,
    reminders: row.reminderOffsets.map((minutes) => ({ before_minutes: minutes })),
    completed_at: row.completedAt?.toISOString() ?? null,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
  return JSON.stringify(
    Object.fromEntries(Object.keys(taskSchema.shape).map((k) => [k, task[k as keyof Task]])),
  );
}

/** The user's rows whose stored JSON is not what their columns now say (none, after any write). */
async function staleRows(userId: string) {
  const rows = await db.select().from(tasks).where(eq(tasks.userId, userId));
  expect(rows.length).toBeGreaterThan(0);
  return rows
    .filter((row) => row.json !== rowTaskJson(row))
    .map((row) => ({ stored: row.json, columns: rowTaskJson(row) }));
}

describe("the JSON stored with each task (ADR 0047)", () => {
  it("is rewritten from the row by every kind of write, whoever writes", async () => {
    const userId = newUserId();
    const [list] = await db
      .insert(lists)
      .values({ userId, name: "Errands", position: 0 })
      .returning({ id: lists.id });
    const listId = list?.id as number;
    const plain = await created(userId, { title: "plain", list_id: listId });
    expect(await staleRows(userId)).toEqual([]);

    const keyed = await repository.create(userId, createTaskSchema.parse({ title: "keyed" }), {
      key: `key-${userId}`,
      requestHash: "hash",
    });
    expect(keyed.outcome).toBe("created");
    expect(await staleRows(userId)).toEqual([]);

    const edited = await repository.update(
      userId,
      plain.id,
      updateTaskSchema.parse({
        title: "edited",
        description: "now with one",
        due_date: "2026-12-24T18:00:00.000Z",
        time_zone: "Europe/Paris",
        tags: ["x"],
        reminders: [{ before_minutes: 15 }],
        priority: "low",
      }),
    );
    expect(edited.outcome).toBe("done");
    expect(await staleRows(userId)).toEqual([]);

    expect((await repository.setCompleted(userId, plain.id, undefined)).outcome).toBe("done");
    expect(await staleRows(userId)).toEqual([]);
    const reopened = await repository.setCompleted(userId, plain.id, false, {
      kind: "versions",
      versions: [3],
    });
    expect(reopened.outcome).toBe("done");
    expect(await staleRows(userId)).toEqual([]);

    const recurring = await created(userId, {
      title: "weekly",
      due_date: "2026-12-07",
      recurrence: "FREQ=WEEKLY",
    });
    const advanced = await repository.setCompleted(userId, recurring.id, true);
    expect(advanced.outcome === "done" && JSON.parse(advanced.record.json).due_date).toBe(
      "2026-12-14",
    );
    expect(await staleRows(userId)).toEqual([]);

    // A statement by hand (a migration, an operator): the list's tasks moved to the Inbox, and a
    // value written into the column itself, which the row's own JSON replaces.
    await db.update(tasks).set({ listId: null }).where(eq(tasks.listId, listId));
    await db.update(tasks).set({ json: "{}" }).where(eq(tasks.id, recurring.id));
    expect(await staleRows(userId)).toEqual([]);
    expect(JSON.parse(await served(userId, plain.id)).list_id).toBeNull();

    const document = importSchema.parse({
      format: EXPORT_FORMAT,
      version: EXPORT_VERSION,
      lists: [{ id: 7, name: "Imported", color: null, position: 0 }],
      tasks: [
        {
          id: 1,
          title: "imported",
          list_id: 7,
          due_date: "2026-01-02",
          created_at: "2020-02-03T04:05:06.789Z",
          updated_at: "2021-02-03T04:05:06.789Z",
        },
      ],
    });
    expect((await account.import(userId, document)).outcome).toBe("imported");
    expect(await staleRows(userId)).toEqual([]);
  });

  it("has the same bytes whatever the writing session's time zone and date style", async () => {
    const userId = newUserId();
    // One connection, its settings as odd as a client may make them: time zones of +12:45 and
    // +14 (the days of UTC and of the session differ), Chile's midnight that does not exist.
    const odd = createSql(inject("databaseUrl"), { applicationName: "todo-api-test", max: 1 });
    try {
      const oddRepository = new TasksRepository(createDb(odd), new CursorCodec(TEST_CURSOR_SECRET));
      const fields = [
        { title: "timed", due_date: "2026-12-31T23:30:00.000Z" },
        { title: "all day", due_date: "2026-09-06", time_zone: "America/Santiago" },
        { title: "all day, early", due_date: "2026-01-01" },
      ];
      for (const zone of ["Pacific/Chatham", "Pacific/Kiritimati", "America/Santiago"]) {
        await odd.unsafe(`set time zone '${zone}'`);
        await odd.unsafe("set datestyle = 'SQL, DMY'");
        await odd.unsafe("set intervalstyle = 'sql_standard'");
        for (const field of fields) {
          const result = await oddRepository.create(userId, createTaskSchema.parse(field));
          if (result.outcome !== "created") throw new Error(result.outcome);
          const task = expectTaskJson(result.record.json);
          expect(task.due_date).toBe(field.due_date);
          const done = await oddRepository.setCompleted(userId, task.id, true);
          if (done.outcome !== "done") throw new Error(done.outcome);
          expect(JSON.parse(done.record.json).completed_at).toMatch(
            /^\d{4}-\d\d-\d\dT[\d:.]{12}Z$/,
          );
        }
      }
      // The same bytes as the row's columns give, read by a UTC session.
      expect(await staleRows(userId)).toEqual([]);
    } finally {
      await odd.end();
    }
  });
});
