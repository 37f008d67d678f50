import type { TaskList } from "@todo/contract/list-query";
import type { Task } from "@todo/contract/task";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { App } from "../src/app";
import { authHeader, newUserId, taskPath, tasksPath, testApp, testUser } from "./helpers";
import { type ApiProcess, kill, startApi } from "./support/api-process";
import { freshRequest } from "./support/fresh-request";

/**
 * `total` of an unfiltered (or status-only) list comes from per-user counts kept by triggers
 * (ADR 0011); whatever happens to the tasks, it must equal the tasks actually listed.
 */
let app: App;
beforeAll(async () => {
  app = await testApp();
});
afterAll(() => app.close());

async function user() {
  const { userId, headers, createTask } = await testUser(app);
  /** `total` of the first page, and the tasks found by walking every page. */
  const walk = async (query: string) => {
    let cursor: string | null = null;
    let total: number | undefined;
    const ids: number[] = [];
    do {
      const after: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : "";
      const response = await app.inject({
        url: `${tasksPath(userId)}?${query}&limit=7${after}`,
        headers,
      });
      expect(response.statusCode).toBe(200);
      const page: TaskList = response.json();
      total ??= page.total;
      expect(page.total).toBe(total);
      ids.push(...page.items.map((task) => task.id));
      cursor = page.next_cursor;
    } while (cursor);
    return { total, listed: ids.length };
  };
  /** Every status total equals what its pages list. */
  const expectExact = async (expected: { all: number; completed: number }) => {
    const totals: Record<string, number | undefined> = {};
    for (const status of ["all", "pending", "completed"]) {
      const { total, listed } = await walk(`status=${status}`);
      expect(total).toBe(listed);
      totals[status] = total;
    }
    expect(totals).toEqual({
      all: expected.all,
      completed: expected.completed,
      pending: expected.all - expected.completed,
    });
  };
  return { userId, headers, createTask, walk, expectExact };
}

describe("list total", () => {
  it("stays exact through creates, updates, toggles, deletes and idempotent replays", async () => {
    const { userId, headers, createTask, expectExact } = await user();
    await expectExact({ all: 0, completed: 0 });

    const tasks: Task[] = [];
    for (let i = 0; i < 12; i++) tasks.push(await createTask({ title: `t${i}`, completed: i < 3 }));
    await expectExact({ all: 12, completed: 3 });

    // Updates that do not touch `completed`, and ones that set it to its current value.
    const [first, second, third, fourth] = tasks as [Task, Task, Task, Task];
    for (const payload of [{ title: "renamed" }, { completed: true }, { priority: "high" }]) {
      const response = await app.inject({
        method: "PUT",
        url: taskPath(userId, first.id),
        headers,
        payload,
      });
      expect(response.statusCode).toBe(200);
    }
    await expectExact({ all: 12, completed: 3 });

    // PUT to completed, two toggles, an explicit set.
    await app.inject({
      method: "PUT",
      url: taskPath(userId, fourth.id),
      headers,
      payload: { completed: true },
    });
    await expectExact({ all: 12, completed: 4 });
    const toggle = () =>
      app.inject({ method: "PATCH", url: `${taskPath(userId, second.id)}/complete`, headers });
    expect((await toggle()).json<Task>().completed).toBe(false);
    await expectExact({ all: 12, completed: 3 });
    expect((await toggle()).json<Task>().completed).toBe(true);
    await expectExact({ all: 12, completed: 4 });

    // Deletes of a completed and a pending task; a second delete changes nothing.
    for (const task of [third, tasks[10] as Task, third]) {
      await app.inject({ method: "DELETE", url: taskPath(userId, task.id), headers });
    }
    await expectExact({ all: 10, completed: 3 });

    // A replayed create counts once; a stale If-Match changes nothing.
    const key = { "idempotency-key": `total-${userId}` };
    await createTask({ title: "once", completed: true }, key);
    await createTask({ title: "once", completed: true }, key);
    const stale = await app.inject({
      method: "DELETE",
      url: taskPath(userId, fourth.id),
      headers: { ...headers, "if-match": `"${fourth.id}-1"` },
    });
    expect(stale.statusCode).toBe(412);
    await expectExact({ all: 11, completed: 4 });
  });

  it("stays exact under concurrent creates, toggles and deletes of one user", async () => {
    const { userId, headers, createTask, expectExact } = await user();
    const tasks = await Promise.all(
      Array.from({ length: 30 }, (_, i) => createTask({ title: `c${i}`, completed: i % 2 === 0 })),
    );
    await Promise.all([
      ...tasks
        .slice(0, 10)
        .map((task) => app.inject({ method: "DELETE", url: taskPath(userId, task.id), headers })),
      ...tasks
        .slice(10, 20)
        .map((task) =>
          app.inject({ method: "PATCH", url: `${taskPath(userId, task.id)}/complete`, headers }),
        ),
      ...Array.from({ length: 10 }, (_, i) => createTask({ title: `d${i}` })),
    ]);
    // 30 - 10 + 10 tasks; completed: the even ones of 20..29, and the odd ones of 10..19 (toggled).
    await expectExact({ all: 30, completed: 10 });
  });

  it("counts each user apart, and filtered totals still count the matching tasks", async () => {
    const one = await user();
    const two = await user();
    for (let i = 0; i < 5; i++) {
      await one.createTask({ title: `one ${i}`, priority: i < 2 ? "high" : "low", tags: ["x"] });
    }
    await two.createTask({ title: "two", priority: "high" });
    await one.expectExact({ all: 5, completed: 0 });
    await two.expectExact({ all: 1, completed: 0 });
    expect(await one.walk("priority=high")).toEqual({ total: 2, listed: 2 });
    expect(await one.walk("tag=X&status=pending")).toEqual({ total: 5, listed: 5 });
    expect(await one.walk("q=one%203")).toEqual({ total: 1, listed: 1 });
  });

  it("gives a page past the end the exact total", async () => {
    const { userId, headers, createTask } = await user();
    for (let i = 0; i < 3; i++) await createTask({ title: `p${i}` });
    const first = await app.inject({ url: `${tasksPath(userId)}?limit=2`, headers });
    const { next_cursor: cursor, items } = first.json<TaskList>();
    // Delete what remains after the cursor: the next page is empty but still counts.
    const rest = (
      await app.inject({ url: `${tasksPath(userId)}?limit=100`, headers })
    ).json<TaskList>();
    for (const task of rest.items.filter((task) => !items.some((item) => item.id === task.id))) {
      await app.inject({ method: "DELETE", url: taskPath(userId, task.id), headers });
    }
    const past = await app.inject({
      url: `${tasksPath(userId)}?limit=2&cursor=${encodeURIComponent(cursor ?? "")}`,
      headers,
    });
    expect(past.json<TaskList>()).toMatchObject({ items: [], total: 2, next_cursor: null });
  });

  it("agrees with a count of the stored rows after tasks are written straight to the table", async () => {
    const { userId, expectExact } = await user();
    const client = new pg.Client({ connectionString: inject("databaseUrl") });
    await client.connect();
    try {
      // One multi-row statement, as a bulk import would write it.
      await client.query(
        `insert into tasks (user_id, title, completed)
         select $1, 'bulk ' || g, g % 4 = 0 from generate_series(1, 40) g`,
        [userId],
      );
      await client.query(`update tasks set completed = not completed where user_id = $1`, [userId]);
      await client.query(`delete from tasks where user_id = $1 and title like 'bulk 1%'`, [userId]);
    } finally {
      await client.end();
    }
    // 40 rows, minus bulk 1 and bulk 10..19 (11); completed after the flip: g % 4 != 0.
    const remaining = Array.from({ length: 40 }, (_, i) => i + 1).filter(
      (g) => !String(g).startsWith("1"),
    );
    await expectExact({
      all: remaining.length,
      completed: remaining.filter((g) => g % 4 !== 0).length,
    });
  });

  it("stays exact for statements that touch several users, and moves counts with the owner", async () => {
    const one = await user();
    const two = await user();
    const client = new pg.Client({ connectionString: inject("databaseUrl") });
    await client.connect();
    const counts = async (userId: string) =>
      (
        await client.query<{ total: string; completed: string; version: string }>(
          "select total, completed, xmin::text as version from task_counts where user_id = $1",
          [userId],
        )
      ).rows[0];
    try {
      await client.query(
        `insert into tasks (user_id, title, completed)
         select case when g % 3 = 0 then $2 else $1 end, 'multi ' || g, g % 2 = 0
         from generate_series(1, 12) g`,
        [one.userId, two.userId],
      );
      // 1..12: 8 of one (2, 4, 8, 10 completed), 4 of two (3, 6, 9, 12; 6 and 12 completed).
      await one.expectExact({ all: 8, completed: 4 });
      await two.expectExact({ all: 4, completed: 2 });

      // Updates that change neither `completed` nor the owner write no counts row: other
      // fields, `completed` set to what it was, no rows.
      const before = await counts(one.userId);
      await client.query("update tasks set title = title || '!' where user_id = $1", [one.userId]);
      await client.query("update tasks set completed = completed where user_id = $1", [one.userId]);
      await client.query("update tasks set completed = true where user_id = $1 and false", [
        one.userId,
      ]);
      expect(await counts(one.userId)).toEqual(before);
      // A completion and an un-completion of one user in the same statement cancel out.
      await client.query(
        `update tasks set completed = not completed
         where user_id = $1 and title in ('multi 1!', 'multi 2!')`,
        [one.userId],
      );
      expect(await counts(one.userId)).toMatchObject({
        total: before?.total,
        completed: before?.completed,
      });

      // An owner change moves the task's counts; a delete of both users' tasks counts each.
      await client.query(
        "update tasks set user_id = $2 where user_id = $1 and title in ('multi 1!', 'multi 4!')",
        [one.userId, two.userId],
      );
      // one: 2, 5, 7, 8, 10, 11 (8, 10 completed); two: 1, 3, 4, 6, 9, 12 (1, 4, 6, 12).
      await one.expectExact({ all: 6, completed: 2 });
      await two.expectExact({ all: 6, completed: 4 });
      await client.query(
        "delete from tasks where user_id in ($1, $2) and title in ('multi 5!', 'multi 4!', 'multi 6')",
        [one.userId, two.userId],
      );
      await one.expectExact({ all: 5, completed: 2 });
      await two.expectExact({ all: 4, completed: 2 });
    } finally {
      await client.end();
    }
  });

  it("stays exact when an update reaches a row twice, moves and toggles it at once, upserts, or is rolled back in part", async () => {
    const one = await user();
    const two = await user();
    const client = new pg.Client({ connectionString: inject("databaseUrl") });
    await client.connect();
    // The statements where counting in a trigger that fires before the row is written would
    // count a row that is not, or twice (ADR 0053).
    try {
      const { rows } = await client.query<{ id: string; title: string }>(
        `insert into tasks (user_id, title, completed)
         select $1, t, t in ('b', 'd') from unnest(array['a', 'b', 'c', 'd', 'e']) t
         returning id, title`,
        [one.userId],
      );
      const id = Object.fromEntries(rows.map((row) => [row.title, row.id]));
      await one.expectExact({ all: 5, completed: 2 });
      // A join that finds `a` three times updates it once (and counts it once).
      await client.query(
        `update tasks t set completed = not t.completed
         from generate_series(1, 3) g where t.id = $1`,
        [id.a],
      );
      // `b` changes owner and completion in one statement.
      await client.query("update tasks set user_id = $2, completed = not completed where id = $1", [
        id.b,
        two.userId,
      ]);
      // An upsert whose row exists: an insert skipped (nothing counted), then one updated.
      await client.query(
        `insert into tasks (id, user_id, title) overriding system value values ($1, $2, 'dup')
         on conflict (id) do nothing`,
        [id.c, one.userId],
      );
      await client.query(
        `insert into tasks (id, user_id, title) overriding system value values ($1, $2, 'dup')
         on conflict (id) do update set completed = not tasks.completed`,
        [id.c, one.userId],
      );
      // `d` reopened, then `e` completed and rolled back to the savepoint before it.
      await client.query("begin");
      await client.query("update tasks set completed = false where id = $1", [id.d]);
      await client.query("savepoint before_e");
      await client.query("update tasks set completed = true where id = $1", [id.e]);
      await client.query("rollback to savepoint before_e");
      await client.query("commit");
      // one: a, c completed, d and e open; two: b, open.
      await one.expectExact({ all: 4, completed: 2 });
      await two.expectExact({ all: 1, completed: 0 });
    } finally {
      await client.end();
    }
  });
});

describe("list total across two API processes", () => {
  let apis: ApiProcess[] = [];
  const direct = new pg.Pool({ connectionString: inject("databaseUrl"), max: 1 });
  beforeAll(async () => {
    apis = await Promise.all([0, 1].map(() => startApi({ DATABASE_URL: inject("databaseUrl") })));
  });
  afterAll(async () => {
    await Promise.all(apis.map(kill));
    await direct.end();
  });

  it("equals a count of the rows after concurrent creates, toggles and deletes through both", async () => {
    const userId = newUserId();
    const headers = { ...(await authHeader(userId)), "content-type": "application/json" };
    /** The n-th request goes to one process, the next to the other. */
    const send = async (n: number, path: string, method: string, body?: unknown) => {
      const api = apis[n % apis.length] as ApiProcess;
      const response = await freshRequest(new URL(path, api.origin), {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, body: response.body };
    };
    const created = await Promise.all(
      Array.from({ length: 24 }, (_, n) =>
        send(n, tasksPath(userId), "POST", { title: `seed ${n}`, completed: n % 3 === 0 }),
      ),
    );
    expect(created.map((r) => r.status)).toEqual(created.map(() => 201));
    const ids = created.map((r) => (JSON.parse(r.body) as Task).id);

    // At once: more creates, deletes, and toggles, each task toggled through both processes (so
    // the same rows and the same counts row are written from both at the same time).
    const writes = await Promise.all([
      ...Array.from({ length: 16 }, (_, n) =>
        send(n, tasksPath(userId), "POST", { title: `more ${n}`, completed: n % 2 === 0 }),
      ),
      ...ids.slice(0, 8).map((id, n) => send(n, taskPath(userId, id), "DELETE")),
      ...ids
        .slice(8)
        .flatMap((id, n) =>
          [0, 1, 2].map((k) => send(n + k, `${taskPath(userId, id)}/complete`, "PATCH")),
        ),
    ]);
    expect(writes.every((r) => r.status === 201 || r.status === 204 || r.status === 200)).toBe(
      true,
    );

    const { rows } = await direct.query<{ all: string; completed: string }>(
      "select count(*) as all, count(*) filter (where completed) as completed from tasks where user_id = $1",
      [userId],
    );
    const counted = { all: Number(rows[0]?.all), completed: Number(rows[0]?.completed) };
    expect(counted.all).toBe(24 + 16 - 8);
    // Seeds 8..23 toggled three times (flipped): the 11 of them that were open; 8 of the more.
    expect(counted.completed).toBe(11 + 8);
    for (const [status, expected] of [
      ["all", counted.all],
      ["completed", counted.completed],
      ["pending", counted.all - counted.completed],
    ] as const) {
      const page = await send(0, `${tasksPath(userId)}?status=${status}&limit=100`, "GET");
      const list = JSON.parse(page.body) as TaskList;
      expect(list.total).toBe(expected);
      expect(list.items).toHaveLength(expected);
    }
  });
});
