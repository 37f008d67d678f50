import type { Task } from "@todo/contract/task";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  appWithUser,
  expectProblem,
  type TestContext,
  taskPath,
  tasksPath,
  testUser,
} from "./helpers";

let { app, userId, headers, postTask, createTask } = {} as TestContext;
beforeAll(async () => {
  ({ app, userId, headers, postTask, createTask } = await appWithUser());
});
afterAll(() => app.close());

describe("POST /api/{user_id}/tasks", () => {
  it("creates a task with defaults, Location and ETag", async () => {
    const response = await postTask({ title: "  Buy milk  " });
    expect(response.statusCode).toBe(201);
    const task = response.json<Task>();
    expect(task).toMatchObject({
      user_id: userId,
      title: "Buy milk",
      description: null,
      completed: false,
      priority: "medium",
      due_date: null,
      tags: [],
    });
    expect(task.id).toBeGreaterThan(0);
    expect(task.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(task.updated_at).toBe(task.created_at);
    expect(response.headers.location).toBe(`${tasksPath(userId)}/${task.id}`);
    expect(response.headers.etag).toBe(`"${task.id}-1"`);
    expect(response.headers["cache-control"]).toBe("no-store");
  });

  it("normalises every field", async () => {
    const task = await createTask({
      title: "Plan 🎉",
      description: "line one\n\tline two\r\n",
      completed: true,
      priority: "high",
      due_date: "2026-12-01T18:00:00+01:00",
      tags: [" home ", "Work", "HOME", "work"],
    });
    expect(task).toMatchObject({
      description: "line one\n\tline two",
      completed: true,
      priority: "high",
      due_date: "2026-12-01T17:00:00.000Z",
      tags: ["home", "Work"],
    });
  });

  it("counts characters as code points and tags after dropping duplicates", async () => {
    expect((await postTask({ title: "😀".repeat(200) })).statusCode).toBe(201);
    expectProblem(await postTask({ title: "😀".repeat(201) }), 422);
    const elevenWithDuplicate = [...Array.from({ length: 10 }, (_, i) => `t${i}`), "T0"];
    expect(
      (await postTask({ title: "x", tags: elevenWithDuplicate })).json<Task>().tags,
    ).toHaveLength(10);
    const eleven = Array.from({ length: 11 }, (_, i) => `t${i}`);
    expectProblem(await postTask({ title: "x", tags: eleven }), 422);
  });

  it.each([
    [{}, "title"],
    [{ title: "   " }, "title"],
    [{ title: 5 }, "title"],
    [{ title: "x".repeat(201) }, "title"],
    [{ title: "x", description: "d".repeat(1001) }, "description"],
    [{ title: "x", priority: "urgent" }, "priority"],
    [{ title: "x", completed: "yes" }, "completed"],
    [{ title: "x", due_date: "2026-02-30" }, "due_date"],
    [{ title: "x", due_date: "2026-12-01T10:00:00" }, "due_date"],
    [{ title: "x", due_date: "tomorrow" }, "due_date"],
    [{ title: "x", tags: "home" }, "tags"],
    [{ title: "x", tags: [""] }, "tags.0"],
    [{ title: "x", tags: ["ok", "t".repeat(33)] }, "tags.1"],
  ])("rejects %j with a 422 naming %s", async (body, path) => {
    const problem = expectProblem(await postTask(body), 422);
    expect(problem.errors?.map((error) => error.path)).toContain(path);
  });

  it.each(["id", "user_id", "created_at", "updated_at", "version", "owner"])(
    "refuses the server-owned or unknown field %s (mass assignment)",
    async (field) => {
      const problem = expectProblem(await postTask({ title: "x", [field]: 1 }), 422);
      expect(problem.errors).toContainEqual({ path: field, message: expect.any(String) });
    },
  );

  it("refuses prototype pollution keys", async () => {
    const response = await postTask('{"title":"x","__proto__":{"admin":true}}', {
      "content-type": "application/json",
    });
    expectProblem(response, 422);
  });

  it.each([
    ["title", "a\u0000b"],
    ["title", "tab\there"],
    ["title", "a\u001Fb"],
    ["description", "bell\u0007"],
    ["description", "nul\u0000"],
    ["tags", ["a\u0000"]],
  ])("answers a control character in %s with a 422, never a 500", async (field, value) => {
    const body = field === "title" ? { title: value } : { title: "x", [field]: value };
    expectProblem(await postTask(body), 422);
  });

  it("treats an empty body as no body (422, not 400)", async () => {
    const response = await postTask("", { "content-type": "application/json" });
    expect(expectProblem(response, 422).errors?.[0]?.path).toBe("body");
  });
});

describe("Idempotency-Key", () => {
  it("replays the first response for the same key and the same JSON value", async () => {
    const key = `key-${Date.now()}`;
    const first = await postTask(
      { title: "Once", tags: ["a"], priority: "low" },
      { "idempotency-key": key },
    );
    expect(first.statusCode).toBe(201);
    const again = await postTask('{ "priority": "low",\n "tags": ["a"], "title": "Once" }', {
      "idempotency-key": key,
      "content-type": "application/json",
    });
    expect(again.statusCode).toBe(201);
    expect(again.body).toBe(first.body);
    expect(again.headers.location).toBe(first.headers.location);
    expect(again.headers.etag).toBe(first.headers.etag);
    expect(again.headers["idempotent-replayed"]).toBe("true");
    const list = await app.inject({ url: `${tasksPath(userId)}?q=Once`, headers });
    expect(list.json().total).toBe(1);
  });

  it("replays a first response stored before responses were kept as JSON text, byte for byte", async () => {
    const key = `stored-object-${Date.now()}`;
    const body = {
      title: 'Old "key" é 😀',
      due_date: "2026-12-24",
      recurrence: "FREQ=DAILY",
      reminders: [{ before_minutes: 30 }],
    };
    const first = await postTask(body, { "idempotency-key": key });
    expect(first.statusCode).toBe(201);
    // As a key stored before the update of ADR 0037 holds it: the Task as a jsonb object (whose
    // keys jsonb keeps in its own order).
    await app.pool.query(
      `update idempotency_keys set response = jsonb_build_object('task', $3::jsonb, 'etag', $4::text)
       where user_id = $1 and key = $2`,
      [userId, key, first.body, first.headers.etag],
    );
    const again = await postTask(body, { "idempotency-key": key });
    expect(again.statusCode).toBe(201);
    expect(again.headers["idempotent-replayed"]).toBe("true");
    expect(again.body).toBe(first.body);
    expect(again.headers.location).toBe(first.headers.location);
    expect(again.headers.etag).toBe(first.headers.etag);
  });

  it("answers the same key with another body with a 409", async () => {
    const key = `conflict-${Date.now()}`;
    expect((await postTask({ title: "One" }, { "idempotency-key": key })).statusCode).toBe(201);
    expectProblem(await postTask({ title: "Two" }, { "idempotency-key": key }), 409);
    // A body that only differs before defaults apply is a different body.
    expectProblem(
      await postTask({ title: "One", priority: "medium" }, { "idempotency-key": key }),
      409,
    );
  });

  it("creates exactly one task for concurrent twins", async () => {
    const key = `twin-${Date.now()}`;
    const title = `Twin ${key}`;
    const responses = await Promise.all(
      Array.from({ length: 8 }, () => postTask({ title }, { "idempotency-key": key })),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(Array(8).fill(201));
    expect(new Set(responses.map((r) => r.json<Task>().id)).size).toBe(1);
    const list = await app.inject({
      url: `${tasksPath(userId)}?q=${encodeURIComponent(title)}`,
      headers,
    });
    expect(list.json().total).toBe(1);
  });

  it("forgets keys after 24 hours: the key is free again, and the sweep deletes old rows", async () => {
    const key = `old-${Date.now()}`;
    expect((await postTask({ title: "Day one" }, { "idempotency-key": key })).statusCode).toBe(201);
    await app.pool.query(
      "update idempotency_keys set created_at = now() - interval '25 hours' where user_id = $1 and key = $2",
      [userId, key],
    );
    const later = await postTask({ title: "Day two" }, { "idempotency-key": key });
    expect(later.statusCode).toBe(201);
    expect(later.json<Task>().title).toBe("Day two");
    expect(later.headers["idempotent-replayed"]).toBeUndefined();

    await app.pool.query(
      "update idempotency_keys set created_at = now() - interval '25 hours' where user_id = $1 and key = $2",
      [userId, key],
    );
    expect(await app.tasks.sweepIdempotencyKeys()).toBeGreaterThanOrEqual(1);
    const { rows } = await app.pool.query(
      "select 1 from idempotency_keys where user_id = $1 and key = $2",
      [userId, key],
    );
    expect(rows).toHaveLength(0);
  });

  it("keeps keys per user", async () => {
    const key = `shared-${Date.now()}`;
    const otherUser = await testUser(app);
    const mine = await postTask({ title: "Mine" }, { "idempotency-key": key });
    const theirs = await otherUser.postTask({ title: "Theirs" }, { "idempotency-key": key });
    expect(theirs.statusCode).toBe(201);
    expect(theirs.json<Task>().id).not.toBe(mine.json<Task>().id);
    expect(theirs.headers["idempotent-replayed"]).toBeUndefined();
  });

  it.each(["", "has space", "ключ", "x".repeat(256)])(
    "rejects the malformed key %j with a 422",
    async (key) => {
      expectProblem(await postTask({ title: "x" }, { "idempotency-key": key }), 422);
    },
  );

  it("validates the body before the key", async () => {
    const problem = expectProblem(
      await postTask({ nope: 1 }, { "idempotency-key": "bad key" }),
      422,
    );
    expect(problem.errors?.map((e) => e.path)).toContain("nope");
  });
});

describe("GET /api/{user_id}/tasks/{id}", () => {
  it("returns the task with its ETag, and 304 for If-None-Match", async () => {
    const created = await createTask({ title: "Read me" });
    const response = await app.inject({ url: taskPath(userId, created.id), headers });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual(created);
    expect(response.headers.etag).toBe(`"${created.id}-1"`);
    const cached = await app.inject({
      url: taskPath(userId, created.id),
      headers: { ...headers, "if-none-match": response.headers.etag as string },
    });
    expect(cached.statusCode).toBe(304);
    expect(cached.body).toBe("");
  });

  it.each(["abc", "0", "-1", "1.5", "1e3", "%20"])("answers the id %j with a 422", async (id) => {
    const problem = expectProblem(await app.inject({ url: taskPath(userId, id), headers }), 422);
    expect(problem.errors?.[0]?.path).toBe("id");
  });

  it.each(["999999999", "9007199254740993", "99999999999999999999999999"])(
    "answers the well-formed but unknown id %s with a 404",
    async (id) => {
      expectProblem(await app.inject({ url: taskPath(userId, id), headers }), 404);
    },
  );
});

describe("PUT /api/{user_id}/tasks/{id}", () => {
  it("changes only the given fields, moves updated_at forward and returns a new ETag", async () => {
    const created = await createTask({
      title: "Before",
      description: "keep",
      due_date: "2026-12-01T00:00:00Z",
      tags: ["x"],
    });
    const response = await app.inject({
      method: "PUT",
      url: taskPath(userId, created.id),
      headers,
      payload: { title: " After ", due_date: null },
    });
    expect(response.statusCode).toBe(200);
    const updated = response.json<Task>();
    expect(updated).toMatchObject({
      ...created,
      title: "After",
      due_date: null,
      updated_at: expect.any(String),
    });
    expect(Date.parse(updated.updated_at)).toBeGreaterThan(Date.parse(created.updated_at));
    expect(updated.created_at).toBe(created.created_at);
    expect(response.headers.etag).toBe(`"${created.id}-2"`);

    const cleared = await app.inject({
      method: "PUT",
      url: taskPath(userId, created.id),
      headers,
      payload: { description: null },
    });
    expect(cleared.json<Task>().description).toBeNull();
    expect(Date.parse(cleared.json<Task>().updated_at)).toBeGreaterThan(
      Date.parse(updated.updated_at),
    );
  });

  it.each([{}, { id: 5 }, { user_id: "someone" }, { title: "" }, { completed: null }])(
    "rejects %j with a 422",
    async (body) => {
      const created = await createTask();
      const response = await app.inject({
        method: "PUT",
        url: taskPath(userId, created.id),
        headers,
        payload: body,
      });
      expectProblem(response, 422);
    },
  );

  it("honours If-Match: current, list and * succeed; stale is a 412 and changes nothing", async () => {
    const created = await createTask({ title: "Versioned" });
    const put = (ifMatch: string, title: string) =>
      app.inject({
        method: "PUT",
        url: taskPath(userId, created.id),
        headers: { ...headers, "if-match": ifMatch },
        payload: { title },
      });
    const first = await put(`"${created.id}-1"`, "v2");
    expect(first.statusCode).toBe(200);
    const stale = await put(`"${created.id}-1"`, "lost update");
    expectProblem(stale, 412);
    expectProblem(await put(`W/"${created.id}-2"`, "weak"), 412);
    expect((await put(`"other", "${created.id}-2"`, "v3")).statusCode).toBe(200);
    expect((await put("*", "v4")).statusCode).toBe(200);
    const current = await app.inject({ url: taskPath(userId, created.id), headers });
    expect(current.json<Task>().title).toBe("v4");
    expectProblem(
      await app.inject({
        method: "PUT",
        url: taskPath(userId, 999_999_999),
        headers: { ...headers, "if-match": '"999999999-1"' },
        payload: { title: "x" },
      }),
      404,
    );
  });
});

describe("PATCH /api/{user_id}/tasks/{id}/complete", () => {
  const complete = (id: number, payload?: string, extra: Record<string, string> = {}) =>
    app.inject({
      method: "PATCH",
      url: `${taskPath(userId, id)}/complete`,
      headers: {
        ...headers,
        ...(payload === undefined ? {} : { "content-type": "application/json" }),
        ...extra,
      },
      ...(payload === undefined ? {} : { payload }),
    });

  it("toggles without a body or with an empty one, and sets idempotently with one", async () => {
    const task = await createTask();
    const toggled = await complete(task.id);
    expect(toggled.statusCode).toBe(200);
    expect(toggled.json<Task>().completed).toBe(true);
    expect(toggled.headers.etag).toBe(`"${task.id}-2"`);
    expect((await complete(task.id, "")).json<Task>().completed).toBe(false);
    expect((await complete(task.id, '{"completed":true}')).json<Task>().completed).toBe(true);
    expect((await complete(task.id, '{"completed":true}')).json<Task>().completed).toBe(true);
    expect((await complete(task.id, '{"completed":false}')).json<Task>().completed).toBe(false);
  });

  it.each(["{}", '{"completed":"yes"}', '{"completed":true,"title":"x"}', "[]", "null"])(
    "rejects the body %s with a 422",
    async (body) => {
      const task = await createTask();
      expectProblem(await complete(task.id, body), 422);
    },
  );

  it("answers a stale If-Match with a 412 and changes nothing", async () => {
    const task = await createTask();
    await complete(task.id);
    expectProblem(await complete(task.id, undefined, { "if-match": `"${task.id}-1"` }), 412);
    const current = await app.inject({ url: taskPath(userId, task.id), headers });
    expect(current.json<Task>().completed).toBe(true);
  });
});

describe("DELETE /api/{user_id}/tasks/{id}", () => {
  it("deletes with a 204 and an empty body; a second delete is a 404", async () => {
    const task = await createTask();
    const first = await app.inject({ method: "DELETE", url: taskPath(userId, task.id), headers });
    expect(first.statusCode).toBe(204);
    expect(first.body).toBe("");
    expectProblem(
      await app.inject({ method: "DELETE", url: taskPath(userId, task.id), headers }),
      404,
    );
    expectProblem(await app.inject({ url: taskPath(userId, task.id), headers }), 404);
  });

  it("answers a stale If-Match with a 412 and keeps the task", async () => {
    const task = await createTask();
    await app.inject({
      method: "PUT",
      url: taskPath(userId, task.id),
      headers,
      payload: { title: "new" },
    });
    const response = await app.inject({
      method: "DELETE",
      url: taskPath(userId, task.id),
      headers: { ...headers, "if-match": `"${task.id}-1"` },
    });
    expectProblem(response, 412);
    expect((await app.inject({ url: taskPath(userId, task.id), headers })).statusCode).toBe(200);
  });
});
