import type { List, ListCollection } from "@todo/contract/list";
import type { TaskList } from "@todo/contract/list-query";
import type { Task } from "@todo/contract/task";
import { SQL_POOL_SIZE } from "@todo/db/client";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import type { App } from "../src/app";
import {
  authHeader,
  expectProblem,
  newUserId,
  taskPath,
  tasksPath,
  testApp,
  testUser,
} from "./helpers";

/** docs/api.md, Lists. */
let app: App;
beforeAll(async () => {
  app = await testApp();
});
afterAll(() => app.close());

const listsPath = (userId: string) => `/api/${encodeURIComponent(userId)}/lists`;
const listPath = (userId: string, id: number | string) => `${listsPath(userId)}/${id}`;

async function listUser(userId = newUserId()) {
  const user = await testUser(app, userId);
  const postList = (
    payload: Record<string, unknown> | string,
    extra: Record<string, string> = {},
  ) =>
    app.inject({
      method: "POST",
      url: listsPath(userId),
      headers: { ...user.headers, ...extra },
      payload,
    });
  const createList = async (payload: Record<string, unknown> = { name: "A list" }) => {
    const response = await postList(payload);
    expect(response.statusCode).toBe(201);
    return response.json<List>();
  };
  const patchList = (id: number, payload: unknown, extra: Record<string, string> = {}) =>
    app.inject({
      method: "PATCH",
      url: listPath(userId, id),
      headers: { ...user.headers, ...extra },
      payload: payload as Record<string, unknown>,
    });
  const allLists = async () => {
    const response = await app.inject({ url: listsPath(userId), headers: user.headers });
    expect(response.statusCode).toBe(200);
    return response.json<ListCollection>().items;
  };
  /** Names in list order, each with its position, which must be 0..n-1. */
  const order = async () => {
    const items = await allLists();
    expect(items.map((list) => list.position)).toEqual(items.map((_, index) => index));
    return items.map((list) => list.name);
  };
  return { ...user, postList, createList, patchList, allLists, order };
}

describe("POST /api/{user_id}/lists", () => {
  it("creates a list last, with Location and ETag", async () => {
    const { userId, postList, createList } = await listUser();
    await createList({ name: "First" });
    const response = await postList({ name: "  Home  ", color: "#2f80ED" });
    expect(response.statusCode).toBe(201);
    const list = response.json<List>();
    expect(list).toEqual({
      id: expect.any(Number),
      user_id: userId,
      name: "Home",
      color: "#2f80ED",
      position: 1,
      task_count: 0,
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      updated_at: list.created_at,
    });
    expect(response.headers.location).toBe(listPath(userId, list.id));
    expect(response.headers.etag).toBe(`"${list.id}-1"`);
    expect(response.headers["cache-control"]).toBe("no-store");
    expect((await createList({ name: "Home" })).color).toBeNull();
  });

  it.each([
    [{}, "name"],
    [{ name: "   " }, "name"],
    [{ name: "x".repeat(101) }, "name"],
    [{ name: "a\u0007b" }, "name"],
    [{ name: 7 }, "name"],
    [{ name: "A", color: "red" }, "color"],
    [{ name: "A", color: "#12345" }, "color"],
    [{ name: "A", position: -1 }, "position"],
    [{ name: "A", position: 1.5 }, "position"],
    [{ name: "A", id: 3 }, "id"],
    [{ name: "A", user_id: "x" }, "user_id"],
    [{ name: "A", task_count: 0 }, "task_count"],
  ])("refuses %j with a 422 naming %s", async (body, path) => {
    const { postList } = await listUser();
    const problem = expectProblem(await postList(body), 422);
    expect(problem.errors?.map((error) => error.path)).toContain(path);
  });

  it("accepts a 100-character name and allows duplicates", async () => {
    const { createList } = await listUser();
    const name = "é".repeat(100);
    expect((await createList({ name })).name).toBe(name);
    expect((await createList({ name })).name).toBe(name);
  });

  it("answers 400, 415 and 413 as for tasks", async () => {
    const { postList } = await listUser();
    expectProblem(await postList("{oops", { "content-type": "application/json" }), 400);
    expectProblem(await postList("name=A", { "content-type": "text/plain" }), 415);
    expectProblem(await postList({ name: "A", pad: "x".repeat(17 * 1024) }), 413);
  });

  it("refuses the 201st list with a 409 problem", async () => {
    const { postList, allLists } = await listUser();
    // Ten at a time, more than the request path's connections: concurrent creates of one user,
    // each transaction waiting for a connection or for the user's lock.
    for (let batch = 0; batch < 20; batch++) {
      const created = await Promise.all(
        Array.from({ length: 10 }, (_, index) => postList({ name: `List ${batch * 10 + index}` })),
      );
      expect(created.map((response) => response.statusCode)).toEqual(Array(10).fill(201));
    }
    expectProblem(await postList({ name: "One too many" }), 409);
    const items = await allLists();
    expect(items).toHaveLength(200);
    // Concurrent creates never share a position.
    expect(items.map((list) => list.position)).toEqual(items.map((_, index) => index));
  });
});

describe("authentication and ownership", () => {
  it("answers 401 without a token and 403 for another user's lists, before validation", async () => {
    const { createList } = await listUser();
    const other = await listUser();
    const list = await other.createList({ name: "Theirs" });
    expectProblem(await app.inject({ url: listsPath(other.userId) }), 401);
    const { headers } = await listUser();
    for (const request of [
      { method: "GET" as const, url: listsPath(other.userId) },
      { method: "POST" as const, url: listsPath(other.userId), payload: { nope: 1 } },
      { method: "GET" as const, url: listPath(other.userId, list.id) },
      { method: "PATCH" as const, url: listPath(other.userId, list.id), payload: { name: "x" } },
      { method: "DELETE" as const, url: listPath(other.userId, list.id) },
      { method: "GET" as const, url: listPath(other.userId, "abc") },
    ]) {
      expectProblem(await app.inject({ ...request, headers }), 403);
    }
    await createList();
  });

  it("hides another user's list behind a 404 on one's own path", async () => {
    const mine = await listUser();
    const other = await listUser();
    const theirs = await other.createList({ name: "Theirs" });
    expectProblem(
      await app.inject({ url: listPath(mine.userId, theirs.id), headers: mine.headers }),
      404,
    );
    expectProblem(await mine.patchList(theirs.id, { name: "Mine now" }), 404);
    expectProblem(
      await app.inject({
        method: "DELETE",
        url: listPath(mine.userId, theirs.id),
        headers: mine.headers,
      }),
      404,
    );
    expect(await other.order()).toEqual(["Theirs"]);
  });
});

describe("GET /api/{user_id}/lists/{id}", () => {
  it("reads a list with its ETag; 422 for a malformed id, 404 for a missing one", async () => {
    const { userId, headers, createList } = await listUser();
    const list = await createList({ name: "Read me" });
    const response = await app.inject({ url: listPath(userId, list.id), headers });
    expect(response.statusCode).toBe(200);
    expect(response.json<List>()).toEqual(list);
    expect(response.headers.etag).toBe(`"${list.id}-1"`);
    const malformed = expectProblem(
      await app.inject({ url: listPath(userId, "abc"), headers }),
      422,
    );
    expect(malformed.errors?.[0]?.path).toBe("id");
    expectProblem(await app.inject({ url: listPath(userId, 0), headers }), 422);
    expectProblem(
      await app.inject({ url: listPath(userId, "99999999999999999999"), headers }),
      404,
    );
  });

  it("counts the list's tasks that are not completed", async () => {
    const { userId, headers, createList, createTask, allLists } = await listUser();
    const list = await createList({ name: "Counted" });
    const empty = await createList({ name: "Empty" });
    await createTask({ title: "Open", list_id: list.id });
    await createTask({ title: "Open too", list_id: list.id });
    const done = await createTask({ title: "Done", list_id: list.id });
    await createTask({ title: "Inbox" });
    await app.inject({ method: "PATCH", url: `${taskPath(userId, done.id)}/complete`, headers });
    const read = await app.inject({ url: listPath(userId, list.id), headers });
    expect(read.json<List>().task_count).toBe(2);
    expect((await allLists()).map((item) => [item.id, item.task_count])).toEqual([
      [list.id, 2],
      [empty.id, 0],
    ]);
  });
});

describe("PATCH /api/{user_id}/lists/{id}", () => {
  it("changes only the given fields and returns a new ETag", async () => {
    const { patchList, createList } = await listUser();
    const list = await createList({ name: "Old", color: "#000000" });
    const response = await patchList(list.id, { name: " New " });
    expect(response.statusCode).toBe(200);
    const patched = response.json<List>();
    expect(patched).toMatchObject({ name: "New", color: "#000000", position: 0 });
    expect(patched.updated_at > list.updated_at).toBe(true);
    expect(response.headers.etag).toBe(`"${list.id}-2"`);
    expect((await patchList(list.id, { color: null })).json<List>().color).toBeNull();
  });

  it.each([
    [{}, "body"],
    [{ name: "" }, "name"],
    [{ color: "#GGGGGG" }, "color"],
    [{ position: "1" }, "position"],
    [{ task_count: 3 }, "task_count"],
    [{ created_at: "2026-01-01T00:00:00Z" }, "created_at"],
  ])("refuses %j with a 422 naming %s", async (body, path) => {
    const { patchList, createList } = await listUser();
    const list = await createList();
    const problem = expectProblem(await patchList(list.id, body), 422);
    expect(problem.errors?.map((error) => error.path)).toContain(path);
  });

  it("honours If-Match: a stale ETag is a 412 and changes nothing", async () => {
    const { userId, headers, patchList, createList } = await listUser();
    const list = await createList({ name: "Guarded" });
    const first = await patchList(list.id, { name: "Once" }, { "if-match": `"${list.id}-1"` });
    expect(first.statusCode).toBe(200);
    expectProblem(
      await patchList(list.id, { name: "Twice" }, { "if-match": `"${list.id}-1"` }),
      412,
    );
    const read = await app.inject({ url: listPath(userId, list.id), headers });
    expect(read.json<List>().name).toBe("Once");
    expect((await patchList(list.id, { name: "Any" }, { "if-match": "*" })).statusCode).toBe(200);
    expectProblem(await patchList(987654321, { name: "x" }, { "if-match": "*" }), 404);
  });

  it("moves a list, shifting the others so positions stay 0..n-1", async () => {
    const { patchList, createList, order } = await listUser();
    const [a, b, c, d] = [
      await createList({ name: "A" }),
      await createList({ name: "B" }),
      await createList({ name: "C" }),
      await createList({ name: "D" }),
    ] as [List, List, List, List];
    expect((await patchList(d.id, { position: 0 })).json<List>().position).toBe(0);
    expect(await order()).toEqual(["D", "A", "B", "C"]);
    expect((await patchList(d.id, { position: 2 })).json<List>().position).toBe(2);
    expect(await order()).toEqual(["A", "B", "D", "C"]);
    // Past the end: last.
    expect((await patchList(a.id, { position: 99 })).json<List>().position).toBe(3);
    expect(await order()).toEqual(["B", "D", "C", "A"]);
    expect((await patchList(c.id, { position: 2, name: "C2" })).json<List>()).toMatchObject({
      position: 2,
      name: "C2",
    });
    expect(await order()).toEqual(["B", "D", "C2", "A"]);
    // A list that shifted has a new ETag.
    expectProblem(await patchList(b.id, { name: "B2" }, { "if-match": `"${b.id}-1"` }), 412);
  });

  it("creates at a given position, shifting the lists from there on", async () => {
    const { createList, order } = await listUser();
    await createList({ name: "A" });
    await createList({ name: "B" });
    expect((await createList({ name: "First", position: 0 })).position).toBe(0);
    expect((await createList({ name: "Last", position: 50 })).position).toBe(3);
    expect(await order()).toEqual(["First", "A", "B", "Last"]);
  });

  it("gives concurrent creates distinct positions even when their transactions overlap", async () => {
    const { postList, createList, order } = await listUser();
    await createList({ name: "Existing" });
    // Holding back every insert into lists makes the creates overlap: each has begun (and,
    // without a per-user lock, counted the lists) before any of them can insert.
    const blocker = new pg.Client({ connectionString: inject("databaseUrl") });
    await blocker.connect();
    try {
      await blocker.query("begin");
      await blocker.query("lock table lists in share row exclusive mode");
      // As many as can overlap: each transaction holds one of the request path's connections.
      const creates = Array.from({ length: SQL_POOL_SIZE }, (_, index) =>
        postList({ name: `N${index}` }),
      );
      await vi.waitFor(async () => {
        // Statistics are a snapshot per transaction: take a fresh one.
        await blocker.query("select pg_stat_clear_snapshot()");
        const { rows } = await blocker.query<{ waiting: string }>(
          "select count(*) as waiting from pg_stat_activity where application_name = 'todo-api' " +
            "and wait_event_type = 'Lock' and (query ilike 'insert into \"lists\"%' or query ilike '%pg_advisory_xact_lock%')",
        );
        expect(Number(rows[0]?.waiting)).toBeGreaterThanOrEqual(SQL_POOL_SIZE);
      });
      await blocker.query("commit");
      const responses = await Promise.all(creates);
      expect(responses.map((response) => response.statusCode)).toEqual(
        Array(SQL_POOL_SIZE).fill(201),
      );
    } finally {
      await blocker.end();
    }
    expect(await order()).toHaveLength(SQL_POOL_SIZE + 1);
  });

  it("keeps positions 0..n-1 under concurrent moves and creates", async () => {
    const { patchList, postList, createList, order } = await listUser();
    const lists = [];
    for (let index = 0; index < 6; index++) lists.push(await createList({ name: `L${index}` }));
    const responses = await Promise.all([
      ...lists.map((list, index) => patchList(list.id, { position: (index * 7) % 6 })),
      ...Array.from({ length: 6 }, (_, index) => postList({ name: `N${index}` })),
    ]);
    expect(responses.map((response) => response.statusCode).sort()).toEqual([
      ...Array(6).fill(200),
      ...Array(6).fill(201),
    ]);
    expect(await order()).toHaveLength(12);
  });
});

describe("DELETE /api/{user_id}/lists/{id}", () => {
  it("deletes the list and its tasks, closes the gap, and keeps totals exact", async () => {
    const { userId, headers, createList, createTask, order } = await listUser();
    const keep = await createList({ name: "Keep" });
    const doomed = await createList({ name: "Doomed" });
    await createList({ name: "After" });
    const doomedTasks = [
      await createTask({ title: "Gone 1", list_id: doomed.id }),
      await createTask({ title: "Gone 2", list_id: doomed.id, completed: true }),
    ];
    const kept = await createTask({ title: "Stays", list_id: keep.id });
    await createTask({ title: "Inbox", completed: true });

    const response = await app.inject({
      method: "DELETE",
      url: listPath(userId, doomed.id),
      headers,
    });
    expect(response.statusCode).toBe(204);
    expect(response.body).toBe("");
    expect(await order()).toEqual(["Keep", "After"]);
    for (const task of doomedTasks) {
      expectProblem(await app.inject({ url: taskPath(userId, task.id), headers }), 404);
    }
    const totals = async (status: string) =>
      (await app.inject({ url: `${tasksPath(userId)}?status=${status}`, headers })).json<TaskList>()
        .total;
    expect(await totals("all")).toBe(2);
    expect(await totals("completed")).toBe(1);
    expect(await totals("pending")).toBe(1);
    const stays = await app.inject({ url: taskPath(userId, kept.id), headers });
    expect(stays.json<Task>().list_id).toBe(keep.id);
    expectProblem(
      await app.inject({ method: "DELETE", url: listPath(userId, doomed.id), headers }),
      404,
    );
  });

  it("honours If-Match", async () => {
    const { userId, headers, createList, patchList, allLists } = await listUser();
    const list = await createList({ name: "Guarded" });
    await patchList(list.id, { name: "Changed" });
    const stale = await app.inject({
      method: "DELETE",
      url: listPath(userId, list.id),
      headers: { ...headers, "if-match": `"${list.id}-1"` },
    });
    expectProblem(stale, 412);
    expect(await allLists()).toHaveLength(1);
    const current = await app.inject({
      method: "DELETE",
      url: listPath(userId, list.id),
      headers: { ...headers, "if-match": `"${list.id}-2"` },
    });
    expect(current.statusCode).toBe(204);
    expect(await allLists()).toHaveLength(0);
  });
});

describe("GET /api/{user_id}/lists", () => {
  it("is empty for a new user and refuses no token", async () => {
    const userId = newUserId();
    const response = await app.inject({
      url: listsPath(userId),
      headers: await authHeader(userId),
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ items: [] });
  });
});

describe("OpenAPI", () => {
  it("documents the list routes with their statuses and headers", async () => {
    const document = (await app.inject({ url: "/openapi.json" })).json();
    const collection = document.paths["/api/{user_id}/lists"];
    const one = document.paths["/api/{user_id}/lists/{id}"];
    expect(Object.keys(collection)).toEqual(expect.arrayContaining(["get", "post"]));
    expect(Object.keys(one)).toEqual(expect.arrayContaining(["get", "patch", "delete"]));
    expect(Object.keys(collection.post.responses)).toEqual(
      expect.arrayContaining(["201", "400", "401", "403", "409", "413", "415", "422", "429"]),
    );
    expect(Object.keys(collection.post.responses["201"].headers)).toEqual(
      expect.arrayContaining(["Location", "ETag"]),
    );
    expect(Object.keys(one.patch.responses)).toEqual(
      expect.arrayContaining(["200", "404", "412", "422"]),
    );
    expect(one.delete.responses["204"].content).toBeUndefined();
    expect(document.components.schemas.List.required).toEqual(
      expect.arrayContaining(["id", "name", "color", "position", "task_count"]),
    );
  });
});
