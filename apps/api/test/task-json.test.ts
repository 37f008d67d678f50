import { listQuerySchema } from "@todo/contract/list-query";
import { createTaskSchema, taskSchema } from "@todo/contract/task";
import { createDb, createSql } from "@todo/db/client";
import { lists, tasks } from "@todo/db/schema";
import { and, eq } from "drizzle-orm";
import { afterAll, describe, expect, inject, it } from "vitest";
import { CursorCodec } from "../src/lib/cursor";
import { type TaskRow, TasksRepository, toRecord } from "../src/repositories/tasks-repository";
import { newUserId, TEST_CURSOR_SECRET } from "./helpers";

// Reads send the JSON PostgreSQL writes (ADR 0037); writes and the export serialize rows with
// `toRecord`. Both must write the same bytes for the same row.
const sql = createSql(inject("databaseUrl"), { applicationName: "todo-api-test", max: 1 });
afterAll(() => sql.end());
const db = createDb(sql);
const repository = new TasksRepository(db, new CursorCodec(TEST_CURSOR_SECRET));

async function created(userId: string, fields: Record<string, unknown>): Promise<number> {
  const result = await repository.create(userId, createTaskSchema.parse(fields));
  if (result.outcome !== "created") throw new Error(result.outcome);
  return result.record.task.id;
}

/** Stores what no request could send (timestamps, control characters) straight in the row. */
async function stored(userId: string, id: number, set: Partial<TaskRow>) {
  if (Object.keys(set).length === 0) return;
  await db
    .update(tasks)
    .set(set)
    .where(and(eq(tasks.userId, userId), eq(tasks.id, id)));
}

async function row(userId: string, id: number): Promise<TaskRow> {
  const [found] = await db
    .select()
    .from(tasks)
    .where(and(eq(tasks.userId, userId), eq(tasks.id, id)));
  if (!found) throw new Error("no row");
  return found;
}

/** The task as `toRecord` serializes it, byte for byte. */
async function expected(userId: string, id: number): Promise<string> {
  return JSON.stringify(toRecord(await row(userId, id)).task);
}

async function served(userId: string, id: number): Promise<string> {
  const found = await repository.get(userId, id);
  if (!found) throw new Error("not found");
  return found.json;
}

describe("the JSON PostgreSQL writes for a task", () => {
  const userId = newUserId();

  const cases: [string, Record<string, unknown>, Partial<TaskRow>][] = [
    ["defaults and nulls", { title: "plain" }, {}],
    [
      "timestamps on a whole second (ms = 0) and at the ends of the years a due date takes",
      { title: "edges", due_date: "9999-12-31T23:59:59.999Z", completed: true },
      {
        createdAt: new Date("1000-01-01T00:00:00.001Z"),
        updatedAt: new Date("2026-03-01T00:00:00.000Z"),
      },
    ],
    ["an all-day date at the end of its range", { title: "all day", due_date: "9999-12-30" }, {}],
    [
      "a date-time with an offset, in UTC",
      { title: "offset", due_date: "2026-12-06T23:30:00.5+05:30", time_zone: "Asia/Kolkata" },
      {},
    ],
    [
      "unicode, emoji and characters JSON escapes",
      {
        title: 'Emoji 😀 "quoted" \\ back, é, 中文, \u2028 \u007f',
        description: "tab\tline\nreturn\r end",
        tags: ['a"b', "ünï", "🏷️"],
      },
      { title: "controls \u0001 \u0008 \u000c \u001f end" },
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
    ],
  ];

  for (const [name, fields, set] of cases) {
    it(`equals toRecord's, byte for byte: ${name}`, async () => {
      const id = await created(userId, fields);
      await stored(userId, id, set);
      const json = await served(userId, id);
      expect(json).toBe(await expected(userId, id));
      // And it is a Task as the response schema describes it, no field more.
      expect(taskSchema.strict().safeParse(JSON.parse(json)).success).toBe(true);
    });
  }

  it("writes timestamps of any year PostgreSQL stores as toISOString does", async () => {
    const id = await created(userId, { title: "old" });
    // An import keeps `created_at` as sent, any RFC 3339 year; PostgreSQL stores years 1 to 9999.
    const moments = [
      "0001-01-01T00:00:00.000Z",
      "0010-06-15T12:30:45.678Z",
      "0999-12-31T23:59:59.999Z",
    ];
    for (const moment of moments) {
      await stored(userId, id, { createdAt: new Date(moment) });
      expect(JSON.parse(await served(userId, id)).created_at).toBe(moment);
    }
  });

  it("escapes control characters so that they parse back exactly", async () => {
    const id = await created(userId, { title: "controls" });
    await stored(userId, id, { description: '\u0001\u001f\b\f\\"/' });
    expect(JSON.parse(await served(userId, id)).description).toBe('\u0001\u001f\b\f\\"/');
  });

  it("writes a list_id as a number", async () => {
    const [list] = await db
      .insert(lists)
      .values({ userId, name: "Home", position: 0 })
      .returning({ id: lists.id });
    const id = await created(userId, { title: "in a list", list_id: list?.id });
    const json = await served(userId, id);
    expect(json).toBe(await expected(userId, id));
    expect(JSON.parse(json).list_id).toBe(list?.id);
  });
});

describe("a page", () => {
  it("is the tasks' JSON in order, the total and the cursor, as one document", async () => {
    const userId = newUserId();
    const ids: number[] = [];
    for (const title of ["one", "two", "three"]) ids.push(await created(userId, { title }));
    const first = JSON.parse(
      await repository.list(userId, listQuerySchema.parse({ limit: "2", sort: "title" })),
    );
    expect(first.items.map((task: { title: string }) => task.title)).toEqual(["two", "three"]);
    expect(first.total).toBe(3);
    const rest = JSON.parse(
      await repository.list(
        userId,
        listQuerySchema.parse({ limit: "2", sort: "title", cursor: first.next_cursor }),
      ),
    );
    expect(rest).toEqual({
      items: [JSON.parse(await expected(userId, ids[0] as number))],
      total: 3,
      next_cursor: null,
    });
  });

  it("of no task is an empty list", async () => {
    expect(await repository.list(newUserId(), listQuerySchema.parse({}))).toBe(
      '{"items":[],"total":0,"next_cursor":null}',
    );
  });
});
