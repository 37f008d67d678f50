import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import type { Export, ImportResult } from "@todo/contract/export";
import type { Task } from "@todo/contract/task";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { App } from "../src/app";
import { authHeader, expectProblem, newUserId, tasksPath, testApp, testUser } from "./helpers";

const MiB = 1024 * 1024;

let app: App;
let owner: pg.Pool;
beforeAll(async () => {
  app = await testApp();
  owner = new pg.Pool({ connectionString: inject("ownerDatabaseUrl"), max: 1 });
});
afterAll(async () => {
  await app.close();
  await owner.end();
});

const userPath = (userId: string) => `/api/${encodeURIComponent(userId)}`;

/** A fresh user with the named lists, the first one colored. */
async function userWithLists(names: string[]) {
  const user = await testUser(app);
  const listIds: number[] = [];
  for (const [position, name] of names.entries()) {
    const response = await app.inject({
      method: "POST",
      url: `${userPath(user.userId)}/lists`,
      headers: user.headers,
      payload: { name, color: position === 0 ? "#2f80ed" : null },
    });
    expect(response.statusCode).toBe(201);
    listIds.push(response.json<{ id: number }>().id);
  }
  return { ...user, listIds };
}

async function exportOf(userId: string, headers: Record<string, string>) {
  const response = await app.inject({ method: "GET", url: `${userPath(userId)}/export`, headers });
  expect(response.statusCode).toBe(200);
  return response.json<Export>();
}

const importAs = (userId: string, headers: Record<string, string>, payload: unknown) =>
  app.inject({
    method: "POST",
    url: `${userPath(userId)}/import`,
    headers: { ...headers, "content-type": "application/json" },
    payload: typeof payload === "string" ? payload : JSON.stringify(payload),
  });

const documentOf = (tasks: unknown[], lists: unknown[] = []) => ({
  format: "todo-export",
  version: 2,
  exported_at: "2026-12-01T10:00:00.000Z",
  user_id: "someone-else",
  lists,
  tasks,
});

async function taskTotal(userId: string, headers: Record<string, string>) {
  const response = await app.inject({ method: "GET", url: tasksPath(userId), headers });
  return response.json<{ total: number }>().total;
}

async function listCount(userId: string): Promise<number> {
  const { rows } = await app.pool.query<{ count: string }>(
    "select count(*) from lists where user_id = $1",
    [userId],
  );
  return Number(rows[0]?.count);
}

describe("GET /api/{user_id}/export", () => {
  it("holds every list and every task, completed ones included, as an attachment", async () => {
    const user = await userWithLists(["Home", "Work"]);
    const home = user.listIds[0];
    const open = await user.createTask({ title: "Open", tags: ["a", "b"], list_id: home });
    const done = await user.createTask({ title: "Done", completed: true, list_id: home });
    const other = await user.createTask({ title: "Open too" });
    const before = new Date().toISOString();
    const response = await app.inject({
      method: "GET",
      url: `${userPath(user.userId)}/export`,
      headers: user.headers,
    });
    const after = new Date().toISOString();
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toMatch(/^application\/json/);
    const body = response.json<Export>();
    expect(body.exported_at >= before && body.exported_at <= after).toBe(true);
    expect(response.headers["content-disposition"]).toBe(
      `attachment; filename="todo-export-${body.exported_at.slice(0, 10)}.json"`,
    );
    expect(response.headers["cache-control"]).toBe("no-store");
    expect(body).toMatchObject({ format: "todo-export", version: 2, user_id: user.userId });
    expect(body.lists).toEqual([
      expect.objectContaining({
        id: user.listIds[0],
        user_id: user.userId,
        name: "Home",
        color: "#2f80ed",
        position: 0,
        task_count: 1,
      }),
      expect.objectContaining({ id: user.listIds[1], name: "Work", color: null, task_count: 0 }),
    ]);
    expect(body.tasks.map((task) => task.id)).toEqual([open.id, done.id, other.id]);
    expect(body.tasks[1]).toMatchObject({ title: "Done", completed: true });
    const { updated_at: _openUpdated, ...openFields } = open;
    expect(body.tasks[0]).toMatchObject(openFields);
  });

  it("is empty, not missing, for a user without data", async () => {
    const { userId, headers } = await testUser(app);
    const body = await exportOf(userId, headers);
    expect(body).toMatchObject({ lists: [], tasks: [] });
  });

  it("answers 401 without a token, 403 for another user's id and 422 for an unknown format", async () => {
    const { userId, headers } = await testUser(app);
    const anonymous = await app.inject({ method: "GET", url: `${userPath(userId)}/export` });
    expectProblem(anonymous, 401);
    expect(anonymous.headers["www-authenticate"]).toBe('Bearer realm="todo"');
    expectProblem(
      await app.inject({ method: "GET", url: `${userPath(newUserId())}/export`, headers }),
      403,
    );
    const unknown = expectProblem(
      await app.inject({ method: "GET", url: `${userPath(userId)}/export?format=xml`, headers }),
      422,
    );
    expect(unknown.errors?.map((error) => error.path)).toEqual(["format"]);
  });
});

describe("GET /api/{user_id}/export?format=csv", () => {
  /** Splits RFC 4180 text into records of cells (quoted cells may hold `,`, `"` and line breaks). */
  function parseCsv(text: string): string[][] {
    const records: string[][] = [];
    let record: string[] = [];
    let cell = "";
    let quoted = false;
    for (let index = 0; index < text.length; index++) {
      const char = text[index];
      if (quoted) {
        if (char === '"' && text[index + 1] === '"') {
          cell += '"';
          index++;
        } else if (char === '"') quoted = false;
        else cell += char;
      } else if (char === '"') quoted = true;
      else if (char === ",") {
        record.push(cell);
        cell = "";
      } else if (char === "\r" && text[index + 1] === "\n") {
        record.push(cell);
        records.push(record);
        record = [];
        cell = "";
        index++;
      } else cell += char;
    }
    expect(cell).toBe("");
    expect(record).toEqual([]);
    return records;
  }

  it("is one task a row after a header row, RFC 4180 quoted, formulas defused", async () => {
    const { userId, headers, createTask } = await testUser(app);
    const cases: [string, string][] = [
      ['=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'],
      ["+1+1", "'+1+1"],
      ["-2+3", "'-2+3"],
      ["@SUM(A1)", "'@SUM(A1)"],
      ['Say "hi", then go', 'Say "hi", then go'],
      ["Plain", "Plain"],
    ];
    for (const [title] of cases) await createTask({ title });
    await createTask({
      title: "Multi",
      description: "line one\r\nline two\ttabbed",
      completed: true,
      tags: ["home", "=cmd"],
      due_date: "2026-12-24",
    });
    const response = await app.inject({
      method: "GET",
      url: `${userPath(userId)}/export?format=csv`,
      headers,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(response.headers["content-disposition"]).toMatch(
      /^attachment; filename="todo-export-\d{4}-\d\d-\d\d\.csv"$/,
    );
    expect(response.body.endsWith("\r\n")).toBe(true);
    const [header, ...rows] = parseCsv(response.body);
    expect(header).toEqual(expect.arrayContaining(["id", "title", "description", "tags"]));
    const column = (name: string) => (header as string[]).indexOf(name);
    expect(rows.map((row) => row[column("title")])).toEqual([
      ...cases.map(([, cell]) => cell),
      "Multi",
    ]);
    const multi = rows.at(-1) as string[];
    expect(multi[column("description")]).toBe("line one\r\nline two\ttabbed");
    expect(multi[column("tags")]).toBe("home;=cmd");
    expect(multi[column("completed")]).toBe("true");
    expect(multi[column("due_date")]).toBe("2026-12-24");
    expect(multi[column("user_id")]).toBe(userId);
    // Quoting is exactly RFC 4180's: the raw text of a quoted title.
    expect(response.body).toContain(',"Say ""hi"", then go",');
    expect(response.body).toContain(`,"'=HYPERLINK(""http://x"")",`);
  });

  it("is the header row alone for a user without tasks", async () => {
    const { userId, headers } = await testUser(app);
    const response = await app.inject({
      method: "GET",
      url: `${userPath(userId)}/export?format=csv`,
      headers,
    });
    expect(response.body.split("\r\n")).toEqual([expect.stringMatching(/^id,/), ""]);
  });
});

describe("POST /api/{user_id}/import", () => {
  it("creates the lists after the user's own and the tasks with new ids, list references remapped", async () => {
    const user = await userWithLists(["Mine"]);
    const response = await importAs(
      user.userId,
      user.headers,
      documentOf(
        [
          { id: 10, title: "In B", list_id: 2, tags: ["x"] },
          { id: 11, title: "In A", list_id: 1, completed: true },
          { id: 12, title: "Inbox", list_id: null },
        ],
        [
          { id: 1, name: "A", color: "#ff0000", position: 1, task_count: 0 },
          { id: 2, name: "B", color: null, position: 0, task_count: 1 },
        ],
      ),
    );
    expect(response.statusCode).toBe(201);
    expect(response.json()).toEqual({ lists: 2, tasks: 3 });
    const body = await exportOf(user.userId, user.headers);
    expect(
      body.lists.map(({ name, position, task_count }) => ({ name, position, task_count })),
    ).toEqual([
      { name: "Mine", position: 0, task_count: 0 },
      { name: "B", position: 1, task_count: 1 },
      { name: "A", position: 2, task_count: 0 },
    ]);
    const listIdOf = (name: string) => body.lists.find((list) => list.name === name)?.id;
    const byTitle = Object.fromEntries(
      body.tasks.map((task) => [task.title, task as Task & { list_id?: number | null }]),
    );
    expect(byTitle["In B"]).toMatchObject({ user_id: user.userId, tags: ["x"] });
    expect(byTitle["In A"]).toMatchObject({ completed: true });
    const { rows } = await app.pool.query<{ title: string; list_id: string | null }>(
      "select title, list_id from tasks where user_id = $1",
      [user.userId],
    );
    const listOf = Object.fromEntries(
      rows.map((row) => [row.title, row.list_id === null ? null : Number(row.list_id)]),
    );
    expect(listOf).toEqual({ "In B": listIdOf("B"), "In A": listIdOf("A"), Inbox: null });
  });

  it("names every failing item's path in one 422, and creates nothing", async () => {
    const { userId, headers } = await testUser(app);
    const tasks = Array.from({ length: 20 }, (_, index) => ({ id: index + 1, title: `T${index}` }));
    tasks[3] = { id: 4, title: "   " };
    tasks[17] = { id: 18, title: "ok", priority: "urgent" } as never;
    tasks[19] = { id: 20, title: "ok", secret: true } as never;
    const response = await importAs(
      userId,
      headers,
      documentOf(tasks, [{ id: 1, name: "", color: "red" }]),
    );
    const problem = expectProblem(response, 422);
    expect(problem.errors?.map((error) => error.path).sort()).toEqual(
      [
        "lists.0.color",
        "lists.0.name",
        "tasks.17.priority",
        "tasks.19.secret",
        "tasks.3.title",
      ].sort(),
    );
    expect(await taskTotal(userId, headers)).toBe(0);
    expect(await listCount(userId)).toBe(0);
  });

  it("refuses a task whose list is not in the export, and duplicate list ids", async () => {
    const { userId, headers } = await testUser(app);
    const problem = expectProblem(
      await importAs(
        userId,
        headers,
        documentOf(
          [
            { id: 1, title: "a", list_id: 1 },
            { id: 2, title: "b", list_id: 99 },
          ],
          [
            { id: 1, name: "A" },
            { id: 1, name: "A again" },
          ],
        ),
      ),
      422,
    );
    expect(problem.errors).toEqual([
      { path: "lists.1.id", message: expect.any(String) },
      { path: "tasks.1.list_id", message: expect.any(String) },
    ]);
  });

  it("refuses what is not a version 2 export", async () => {
    const { userId, headers } = await testUser(app);
    const wrong = expectProblem(
      await importAs(userId, headers, { ...documentOf([]), version: 1, format: "other" }),
      422,
    );
    expect(wrong.errors?.map((error) => error.path).sort()).toEqual(["format", "version"]);
    expectProblem(await importAs(userId, headers, "{not json"), 400);
    expectProblem(
      await app.inject({
        method: "POST",
        url: `${userPath(userId)}/import`,
        headers: { ...headers, "content-type": "text/plain" },
        payload: "x",
      }),
      415,
    );
  });

  // The two largest bodies allowed take seconds on a busy machine.
  it("accepts 5 MiB and refuses 5 MiB + 1 byte with a 413", { timeout: 60_000 }, async () => {
    const { userId, headers } = await testUser(app);
    const description = "d".repeat(1000);
    const tasks = Array.from({ length: 4900 }, (_, index) => ({
      id: index + 1,
      title: `Task ${index}`,
      description,
    }));
    const json = JSON.stringify(documentOf(tasks));
    expect(json.length).toBeLessThan(5 * MiB);
    // JSON allows white space after the value: the body is padded to the limit exactly.
    const exactly = json + " ".repeat(5 * MiB - json.length);
    const accepted = await importAs(userId, headers, exactly);
    expect(accepted.statusCode).toBe(201);
    expect(accepted.json()).toEqual({ lists: 0, tasks: 4900 });
    // Over a socket: a body refused while it is still arriving is answered as a client sees it.
    await app.listen({ host: "127.0.0.1", port: 0 });
    const { port } = app.server.address() as AddressInfo;
    const refused = await fetch(`http://127.0.0.1:${port}${userPath(userId)}/import`, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: `${exactly} `,
    });
    expect(refused.status).toBe(413);
    expect(refused.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(await refused.json()).toMatchObject({
      status: 413,
      detail: "The body is larger than 5 MiB.",
    });
    expect(await taskTotal(userId, headers)).toBe(4900);
  });

  it("keeps the 16 KiB limit on every other route", async () => {
    const { postTask } = await testUser(app);
    const big = JSON.stringify({ title: "x", description: "d".repeat(17 * 1024) });
    const refused = expectProblem(await postTask(big, { "content-type": "application/json" }), 413);
    expect(refused.detail).toBe("The body is larger than 16 KiB.");
  });

  it("imports 10,000 tasks and refuses 10,001 with a 422 on tasks", {
    timeout: 60_000,
  }, async () => {
    const { userId, headers } = await testUser(app);
    const tasks = Array.from({ length: 10_001 }, (_, index) => ({ id: index + 1, title: "t" }));
    const over = expectProblem(await importAs(userId, headers, documentOf(tasks)), 422);
    expect(over.errors).toEqual([{ path: "tasks", message: "At most 10,000 tasks" }]);
    expect(await taskTotal(userId, headers)).toBe(0);
    const accepted = await importAs(userId, headers, documentOf(tasks.slice(0, 10_000)));
    expect(accepted.json()).toEqual({ lists: 0, tasks: 10_000 });
    expect(await taskTotal(userId, headers)).toBe(10_000);
  });

  it("is all or nothing when the database refuses a row after others were written", async () => {
    const { userId, headers } = await testUser(app);
    const poison = `poison-${randomUUID()}`;
    const constraint = `import_test_${randomUUID().replaceAll("-", "")}`;
    // A row of the last batch of inserts fails, after the lists and the earlier batches went in.
    await owner.query(
      `alter table tasks add constraint ${constraint} check (title <> '${poison}') not valid`,
    );
    try {
      const tasks = Array.from({ length: 700 }, (_, index) => ({
        id: index + 1,
        title: index === 650 ? poison : `t${index}`,
        list_id: 1,
      }));
      const response = await importAs(userId, headers, documentOf(tasks, [{ id: 1, name: "L" }]));
      expect(response.statusCode).toBe(500);
    } finally {
      await owner.query(`alter table tasks drop constraint ${constraint}`);
    }
    expect(await taskTotal(userId, headers)).toBe(0);
    expect(await listCount(userId)).toBe(0);
  });

  it("refuses more lists than a user may have with a 409, creating nothing", async () => {
    const user = await userWithLists(["One", "Two"]);
    const lists = Array.from({ length: 199 }, (_, index) => ({ id: index + 1, name: `L${index}` }));
    const response = await importAs(
      user.userId,
      user.headers,
      documentOf([{ id: 1, title: "t" }], lists),
    );
    expectProblem(response, 409);
    expect(await listCount(user.userId)).toBe(2);
    expect(await taskTotal(user.userId, user.headers)).toBe(0);
  });

  it("honours Idempotency-Key as create does", async () => {
    const { userId, headers } = await testUser(app);
    const document = documentOf([{ id: 1, title: "once", list_id: 1 }], [{ id: 1, name: "L" }]);
    const key = { "idempotency-key": `import-${randomUUID()}` };
    const first = await importAs(userId, { ...headers, ...key }, document);
    expect(first.statusCode).toBe(201);
    // The same JSON value with its keys in another order is the same body.
    const reordered = {
      tasks: document.tasks,
      lists: document.lists,
      version: 2,
      format: "todo-export",
      user_id: "x",
      exported_at: document.exported_at,
    };
    const replay = await importAs(
      userId,
      { ...headers, ...key },
      { ...reordered, user_id: document.user_id },
    );
    expect(replay.statusCode).toBe(201);
    expect(replay.headers["idempotent-replayed"]).toBe("true");
    expect(replay.json<ImportResult>()).toEqual(first.json());
    expect(await taskTotal(userId, headers)).toBe(1);
    expect(await listCount(userId)).toBe(1);
    expectProblem(await importAs(userId, { ...headers, ...key }, documentOf([])), 409);
    const malformed = expectProblem(
      await importAs(userId, { ...headers, "idempotency-key": "" }, document),
      422,
    );
    expect(malformed.errors?.[0]?.path).toBe("Idempotency-Key");
    // A key used on create is another body on import.
    const createKey = { "idempotency-key": `create-${randomUUID()}` };
    expect(
      (
        await app.inject({
          method: "POST",
          url: tasksPath(userId),
          headers: { ...headers, ...createKey },
          payload: { title: "made" },
        })
      ).statusCode,
    ).toBe(201);
    expectProblem(await importAs(userId, { ...headers, ...createKey }, document), 409);
  });

  it("answers 401 without a token and 403 for another user's id, before reading the body", async () => {
    const { headers } = await testUser(app);
    expectProblem(await importAs(newUserId(), {}, documentOf([])), 401);
    expectProblem(await importAs(newUserId(), headers, "{not json"), 403);
  });

  it("round-trips: an export imported by another user exports equal but for ids", async () => {
    const source = await userWithLists(["Home", "Work", "Later"]);
    await source.createTask({
      title: "Water plants",
      list_id: source.listIds[0],
      description: "Twice\na week",
      priority: "high",
      due_date: "2026-12-05T08:30:00+01:00",
      tags: ["home", "Garden"],
    });
    await source.createTask({
      title: "Ship",
      completed: true,
      due_date: "2026-12-10",
      time_zone: "Europe/Paris",
      list_id: source.listIds[2],
      recurrence: "FREQ=WEEKLY;BYDAY=MO,TH;COUNT=5",
      reminders: [{ before_minutes: 60 }],
    });
    await source.createTask({ title: "Inbox thought" });
    const exported = await exportOf(source.userId, source.headers);

    const target = await testUser(app);
    const imported = await importAs(target.userId, target.headers, exported);
    expect(imported.json()).toEqual({ lists: 3, tasks: 3 });
    const again = await exportOf(target.userId, target.headers);

    const listNames = (document: Export) =>
      new Map(document.lists.map((list) => [list.id, list.name]));
    /** Each field but ids, the owner and the export's moment; list references by name. */
    const comparable = (document: Export) => {
      const names = listNames(document);
      return {
        lists: document.lists.map(({ id: _id, user_id: _user, ...list }) => list),
        tasks: document.tasks.map(({ id: _id, user_id: _user, ...task }) => {
          const { list_id: listId, ...rest } = task;
          return { ...rest, list: listId === null ? null : names.get(listId) };
        }),
      };
    };
    expect(comparable(again)).toEqual(comparable(exported));
  });

  it("exports a task imported with dates in the year 10 as they were imported, JSON and CSV", async () => {
    // Only an import stores such years (a due date is kept within 1000–9999); the export once
    // read them back as 2001-10-01.
    const user = await testUser(app);
    const dated = {
      created_at: "0010-01-01T00:00:00.000Z",
      updated_at: "0010-01-01T12:34:56.789Z",
      completed_at: "0010-01-01T00:00:00.001Z",
    };
    const imported = await importAs(
      user.userId,
      user.headers,
      documentOf([{ id: 1, title: "Ancient", completed: true, ...dated }]),
    );
    expect(imported.json()).toEqual({ lists: 0, tasks: 1 });
    const exported = await exportOf(user.userId, user.headers);
    expect(exported.tasks).toEqual([expect.objectContaining({ title: "Ancient", ...dated })]);

    const csv = await app.inject({
      method: "GET",
      url: `${userPath(user.userId)}/export?format=csv`,
      headers: user.headers,
    });
    const [header, row] = csv.body.split("\r\n").map((line) => line.split(","));
    const cell = (name: string) => row?.[(header as string[]).indexOf(name)];
    expect(cell("created_at")).toBe(dated.created_at);
    expect(cell("updated_at")).toBe(dated.updated_at);
    expect(cell("completed_at")).toBe(dated.completed_at);
  });

  it("exports and lists a list imported with dates in the year 10 as they were imported", async () => {
    // The lists were still read through the driver's Date, which took year 10 for 2001 or 2010.
    const user = await testUser(app);
    const dated = {
      created_at: "0010-01-01T00:00:00.000Z",
      updated_at: "0099-12-31T23:59:59.999Z",
    };
    const imported = await importAs(
      user.userId,
      user.headers,
      documentOf([], [{ id: 1, name: "Ancient", color: null, position: 0, ...dated }]),
    );
    expect(imported.json()).toEqual({ lists: 1, tasks: 0 });
    const exported = await exportOf(user.userId, user.headers);
    expect(exported.lists).toEqual([expect.objectContaining({ name: "Ancient", ...dated })]);

    const listed = await app.inject({
      method: "GET",
      url: `${userPath(user.userId)}/lists`,
      headers: user.headers,
    });
    expect(listed.json().items).toEqual([expect.objectContaining({ name: "Ancient", ...dated })]);
    const id = exported.lists[0]?.id;
    const one = await app.inject({
      method: "GET",
      url: `${userPath(user.userId)}/lists/${id}`,
      headers: user.headers,
    });
    expect(one.json()).toMatchObject({ name: "Ancient", created_at: dated.created_at });
    // A rename moves `updated_at` to now; `created_at` comes back from the write as stored.
    const renamed = await app.inject({
      method: "PATCH",
      url: `${userPath(user.userId)}/lists/${id}`,
      headers: { ...user.headers, "content-type": "application/json" },
      payload: { name: "Renamed" },
    });
    expect(renamed.json()).toMatchObject({ name: "Renamed", created_at: dated.created_at });
  });
});

describe("DELETE /api/{user_id}", () => {
  it("removes every task, list and idempotency key of the user, and nobody else's", async () => {
    const user = await userWithLists(["Home"]);
    const bystander = await userWithLists(["Theirs"]);
    await user.createTask({ title: "a" }, { "idempotency-key": `k-${randomUUID()}` });
    await user.createTask({ title: "b", completed: true });
    await bystander.createTask({ title: "kept" }, { "idempotency-key": `k-${randomUUID()}` });

    const response = await app.inject({
      method: "DELETE",
      url: userPath(user.userId),
      headers: user.headers,
    });
    expect(response.statusCode).toBe(204);
    expect(response.body).toBe("");

    const list = await app.inject({
      method: "GET",
      url: tasksPath(user.userId),
      headers: user.headers,
    });
    expect(list.json()).toMatchObject({ items: [], total: 0 });
    expect(await listCount(user.userId)).toBe(0);
    const keys = async (userId: string) =>
      Number(
        (
          await app.pool.query<{ count: string }>(
            "select count(*) from idempotency_keys where user_id = $1",
            [userId],
          )
        ).rows[0]?.count,
      );
    expect(await keys(user.userId)).toBe(0);
    expect(await exportOf(user.userId, user.headers)).toMatchObject({ lists: [], tasks: [] });

    expect(await taskTotal(bystander.userId, bystander.headers)).toBe(1);
    expect(await listCount(bystander.userId)).toBe(1);
    expect(await keys(bystander.userId)).toBe(1);
  });

  it("answers 401 without a token and 403 for another user's id, deleting nothing", async () => {
    const user = await testUser(app);
    await user.createTask();
    expectProblem(await app.inject({ method: "DELETE", url: userPath(user.userId) }), 401);
    const intruder = await authHeader(newUserId());
    expectProblem(
      await app.inject({ method: "DELETE", url: userPath(user.userId), headers: intruder }),
      403,
    );
    expect(await taskTotal(user.userId, user.headers)).toBe(1);
  });

  it("is rate limited like every other endpoint", async () => {
    const limited = await testApp({ rateLimitPerMinute: 2 });
    try {
      const { userId, headers } = await testUser(limited);
      const remove = () => limited.inject({ method: "DELETE", url: userPath(userId), headers });
      expect((await remove()).statusCode).toBe(204);
      expect((await remove()).statusCode).toBe(204);
      const refused = expectProblem(await remove(), 429);
      expect(refused).toBeTruthy();
      const exported = await limited.inject({
        method: "GET",
        url: `${userPath(userId)}/export`,
        headers,
      });
      expect(exported.statusCode).toBe(429);
      expect(exported.headers["retry-after"]).toBeDefined();
    } finally {
      await limited.close();
    }
  });
});

describe("OpenAPI", () => {
  it("documents the export's two formats, the import's bounds and the deletion", async () => {
    const document = (await app.inject({ url: "/openapi.json" })).json();
    const user = document.paths["/api/{user_id}"];
    const exported = document.paths["/api/{user_id}/export"].get;
    const imported = document.paths["/api/{user_id}/import"].post;
    expect(Object.keys(exported.responses["200"].content)).toEqual([
      "application/json",
      "text/csv",
    ]);
    expect(exported.responses["200"].content["application/json"].schema).toEqual({
      $ref: "#/components/schemas/Export",
    });
    expect(JSON.stringify(document.components.schemas.Export)).toContain("todo-export");
    expect(Object.keys(imported.responses)).toEqual(
      expect.arrayContaining(["201", "400", "401", "403", "409", "413", "415", "422", "429"]),
    );
    expect(JSON.stringify(imported.requestBody)).toContain("list_id");
    expect(Object.keys(user.delete.responses)).toEqual(
      expect.arrayContaining(["204", "401", "403", "429"]),
    );
    for (const operation of [exported, imported, user.delete]) {
      expect(operation.security).toEqual([{ bearer: [] }]);
    }
  });
});
