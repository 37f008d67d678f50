import { TASK_SORTS } from "@todo/contract/list-query";
import type { Task } from "@todo/contract/task";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appWithUser, type TestContext, taskPath, tasksPath, testUser } from "./helpers";

let { app, userId, headers, postTask } = {} as TestContext;
const created: Task[] = [];
const PRIORITY_RANK = { low: 0, medium: 1, high: 2 } as const;
/** ICU's root locale, as the API's title collation (ADR 0034). */
const titleOrder = new Intl.Collator("und");

beforeAll(async () => {
  ({ app, userId, headers, postTask } = await appWithUser());
  const priorities = ["low", "medium", "high"] as const;
  // 23 tasks with repeated sort values (ties), null due dates and shared titles.
  for (let i = 0; i < 23; i++) {
    const response = await postTask({
      title: i % 4 === 0 ? "Same title" : `${i % 2 ? "b" : "B"} task ${String(i).padStart(2, "0")}`,
      description: i === 5 ? "contains 100% real_deal\\path" : null,
      completed: i % 3 === 0,
      priority: priorities[i % 3],
      due_date: i % 5 === 0 ? null : `2026-12-0${(i % 3) + 1}T10:00:00Z`,
      tags: i % 2 === 0 ? ["Home", "even"] : ["work"],
    });
    created.push(response.json<Task>());
  }
  // Touch some tasks so updated_at differs from created_at order.
  for (const task of created.slice(0, 6)) {
    await app.inject({ method: "PATCH", url: `${taskPath(userId, task.id)}/complete`, headers });
  }
});
afterAll(() => app.close());

async function list(query: string) {
  const response = await app.inject({ url: `${tasksPath(userId)}?${query}`, headers });
  return response;
}

async function all(query: string): Promise<Task[]> {
  const items: Task[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const response = await list(
      `${query}&limit=4${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
    );
    expect(response.statusCode).toBe(200);
    const page = response.json<{ items: Task[]; total: number; next_cursor: string | null }>();
    items.push(...page.items);
    cursor = page.next_cursor;
    expect(++pages).toBeLessThan(50);
  } while (cursor);
  return items;
}

function compare(sort: string, a: Task, b: Task): number {
  const key = (task: Task): string | number | null => {
    switch (sort) {
      case "priority":
        return PRIORITY_RANK[task.priority];
      case "title":
        return task.title;
      default:
        return task[sort as "created_at" | "updated_at" | "due_date" | "completed_at"];
    }
  };
  const [x, y] = [key(a), key(b)];
  if (sort === "title") return titleOrder.compare(a.title, b.title);
  if (x === y) return 0;
  if (x === null) return 1;
  if (y === null) return -1;
  return x < y ? -1 : 1;
}

describe("GET /api/{user_id}/tasks", () => {
  it("defaults to the newest first, limit 50, all statuses", async () => {
    const response = await list("");
    expect(response.statusCode).toBe(200);
    const page = response.json<{ items: Task[]; total: number; next_cursor: string | null }>();
    expect(page.total).toBe(23);
    expect(page.next_cursor).toBeNull();
    expect(page.items.map((task) => task.id)).toEqual(created.map((task) => task.id).reverse());
  });

  for (const sort of TASK_SORTS) {
    for (const order of ["asc", "desc"] as const) {
      it(`pages through every task exactly once sorted by ${sort} ${order}`, async () => {
        const items = await all(`sort=${sort}&order=${order}`);
        expect(items.map((task) => task.id).sort((a, b) => a - b)).toEqual(
          created.map((task) => task.id).sort((a, b) => a - b),
        );
        for (let i = 1; i < items.length; i++) {
          const [previous, current] = [items[i - 1] as Task, items[i] as Task];
          let cmp = compare(sort, previous, current);
          const nullable = sort === "due_date" || sort === "completed_at";
          if (nullable && (previous[sort] === null || current[sort] === null)) {
            // Nulls last in both orders.
            expect(cmp).toBeLessThanOrEqual(0);
            if (cmp === 0)
              expect(order === "asc" ? previous.id < current.id : previous.id > current.id).toBe(
                true,
              );
            continue;
          }
          if (order === "desc") cmp = -cmp;
          expect(cmp, `${sort} ${order} at ${i}`).toBeLessThanOrEqual(0);
          if (cmp === 0)
            expect(order === "asc" ? previous.id < current.id : previous.id > current.id).toBe(
              true,
            );
        }
      });
    }
  }

  it("sorts titles as people read them, case and accents only breaking ties, across pages", async () => {
    const { userId: owner, headers: auth, createTask } = await testUser(app);
    const expected = [
      "Ábaco",
      "apple",
      "banana",
      "Banana",
      "Eclair",
      "éclair",
      "Emile",
      "émile",
      "Émile",
      "eve",
      "Same",
      "Same",
      "zebra",
      "Zoe",
    ];
    // Created out of order, so neither id nor creation order can pass for the sort.
    const shuffled = [7, 2, 12, 0, 9, 4, 13, 1, 11, 5, 8, 3, 10, 6].map((i) => expected[i]);
    const ids = new Map<string, number[]>();
    for (const title of shuffled as string[]) {
      const task = await createTask({ title });
      ids.set(title, [...(ids.get(title) ?? []), task.id]);
    }
    const pages = async (order: "asc" | "desc") => {
      const seen: Task[] = [];
      let cursor: string | null = null;
      do {
        const after: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : "";
        const response = await app.inject({
          url: `${tasksPath(owner)}?sort=title&order=${order}&limit=3${after}`,
          headers: auth,
        });
        expect(response.statusCode).toBe(200);
        const page = response.json<{ items: Task[]; next_cursor: string | null }>();
        seen.push(...page.items);
        cursor = page.next_cursor;
      } while (cursor && seen.length <= expected.length);
      return seen;
    };
    const ascending = await pages("asc");
    expect(ascending.map((task) => task.title)).toEqual(expected);
    // Equal titles: by id, in the order's direction.
    const same = ids.get("Same") as number[];
    expect(ascending.filter((task) => task.title === "Same").map((task) => task.id)).toEqual(same);
    const descending = await pages("desc");
    expect(descending.map((task) => task.id)).toEqual(ascending.map((task) => task.id).reverse());
  });

  it("sorts by completed_at, latest first, open tasks last in both orders, across pages", async () => {
    const { userId: owner, headers: auth, createTask } = await testUser(app);
    const tasks: Task[] = [];
    for (const title of ["A", "B", "C", "D", "E"]) tasks.push(await createTask({ title }));
    const [a, b, c, d, e] = tasks as [Task, Task, Task, Task, Task];
    const complete = async (task: Task) => {
      const response = await app.inject({
        method: "PATCH",
        url: `${taskPath(owner, task.id)}/complete`,
        headers: auth,
        payload: { completed: true },
      });
      expect(response.statusCode).toBe(200);
      // completed_at has millisecond precision: the next completion is strictly later.
      await new Promise((resolve) => setTimeout(resolve, 5));
    };
    for (const task of [c, a, d]) await complete(task);
    // A later edit moves updated_at, not completed_at.
    const edited = await app.inject({
      method: "PUT",
      url: taskPath(owner, c.id),
      headers: auth,
      payload: { title: "C, renamed" },
    });
    expect(edited.statusCode).toBe(200);
    const pages = async (query: string) => {
      const seen: number[] = [];
      let cursor: string | null = null;
      do {
        const after: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : "";
        const response = await app.inject({
          url: `${tasksPath(owner)}?${query}&limit=2${after}`,
          headers: auth,
        });
        expect(response.statusCode).toBe(200);
        const page = response.json<{ items: Task[]; next_cursor: string | null }>();
        seen.push(...page.items.map((task) => task.id));
        cursor = page.next_cursor;
      } while (cursor && seen.length <= tasks.length);
      return seen;
    };
    expect(await pages("sort=completed_at&order=desc")).toEqual([d.id, a.id, c.id, e.id, b.id]);
    expect(await pages("sort=completed_at&order=asc")).toEqual([c.id, a.id, d.id, b.id, e.id]);
    expect(await pages("status=completed&sort=completed_at&order=desc")).toEqual([
      d.id,
      a.id,
      c.id,
    ]);
  });

  it("orders priority high > medium > low", async () => {
    const items = await all("sort=priority&order=desc");
    expect(items[0]?.priority).toBe("high");
    expect(items.at(-1)?.priority).toBe("low");
  });

  it.each([
    ["status=pending", (t: Task) => !t.completed],
    ["status=completed", (t: Task) => t.completed],
    ["priority=high", (t: Task) => t.priority === "high"],
    ["tag=home", (t: Task) => t.tags.includes("Home")],
    ["tag=HOME&status=pending", (t: Task) => t.tags.includes("Home") && !t.completed],
    ["q=TASK%201", (t: Task) => t.title.toLowerCase().includes("task 1")],
    ["q=100%25", (t: Task) => (t.description ?? "").includes("100%")],
    ["q=e_l", () => false], // an unescaped _ would match "eal"
    ["q=real_deal", (t: Task) => (t.description ?? "").includes("real_deal")],
    ["q=%5Cpath", (t: Task) => (t.description ?? "").includes("\\path")],
    ["q=%25", (t: Task) => `${t.title}${t.description}`.includes("%")],
  ])("filters by %s, with total counting every match", async (query, predicate) => {
    const current = (await all("sort=created_at&order=asc")).filter(predicate);
    const items = await all(`${query}&sort=created_at&order=asc`);
    expect(items.map((t) => t.id)).toEqual(current.map((t) => t.id));
    const first = await list(`${query}&limit=1`);
    expect(first.json().total).toBe(current.length);
  });

  it("counts total independently of the cursor", async () => {
    const first = (await list("limit=5")).json();
    const second = (await list(`limit=5&cursor=${encodeURIComponent(first.next_cursor)}`)).json();
    expect(second.total).toBe(23);
    expect(second.items).toHaveLength(5);
  });

  it("still counts on a page past the end (the rest was deleted meanwhile)", async () => {
    const { userId: owner, headers: auth, postTask: postAsOwner } = await testUser(app);
    const ids: number[] = [];
    for (const title of ["first", "second"]) {
      ids.push((await postAsOwner({ title })).json<Task>().id);
    }
    const page = (await app.inject({ url: `${tasksPath(owner)}?limit=1`, headers: auth })).json();
    await app.inject({ method: "DELETE", url: taskPath(owner, ids[0] as number), headers: auth });
    const next = await app.inject({
      url: `${tasksPath(owner)}?limit=1&cursor=${encodeURIComponent(page.next_cursor)}`,
      headers: auth,
    });
    expect(next.json()).toEqual({ items: [], total: 1, next_cursor: null });
  });

  it.each([
    "status=done",
    "priority=urgent",
    "sort=owner",
    "order=up",
    "limit=0",
    "limit=101",
    "limit=abc",
    "limit=",
    "status=",
    "tag=",
    "q=",
    "cursor=",
    `q=${"x".repeat(201)}`,
  ])("answers %s with a 422 naming the parameter", async (query) => {
    const response = await list(query);
    expect(response.statusCode).toBe(422);
    const name = query.split("=")[0];
    expect(response.json().errors.map((e: { path: string }) => e.path)).toContain(name);
  });

  it("answers a tampered cursor, or one from another sort or order, with a 422", async () => {
    const { next_cursor: cursor } = (await list("limit=2&sort=title&order=asc")).json();
    const bytes = Buffer.from(cursor, "base64url");
    const flipped = (index: number) => {
      const copy = Buffer.from(bytes);
      copy[index] = (copy[index] as number) ^ 1;
      return copy.toString("base64url");
    };
    const signedFormat = `${Buffer.from(JSON.stringify(["title", "asc", "a", 1])).toString("base64url")}.AAAA`;
    for (const bad of [
      flipped(0),
      flipped(20),
      flipped(bytes.length - 1),
      bytes.subarray(0, -1).toString("base64url"),
      signedFormat,
      "garbage",
    ]) {
      const response = await list(`limit=2&sort=title&order=asc&cursor=${encodeURIComponent(bad)}`);
      expect(response.statusCode, bad).toBe(422);
      expect(response.json().errors[0].path).toBe("cursor");
    }
    expect(
      (await list(`limit=2&sort=title&order=desc&cursor=${encodeURIComponent(cursor)}`)).statusCode,
    ).toBe(422);
    expect(
      (await list(`limit=2&sort=due_date&order=asc&cursor=${encodeURIComponent(cursor)}`))
        .statusCode,
    ).toBe(422);
  });

  it("gives cursors that do not reveal the title they stop at", async () => {
    const { userId: owner, headers: ownerHeaders, createTask } = await testUser(app);
    for (const title of ["secret diagnosis", "secret diagnosis, again"])
      await createTask({ title });
    const response = await app.inject({
      url: `${tasksPath(owner)}?sort=title&order=asc&limit=1`,
      headers: ownerHeaders,
    });
    const cursor: string = response.json().next_cursor;
    for (const part of [cursor, ...cursor.split(".")]) {
      expect(Buffer.from(part, "base64url").toString("latin1")).not.toContain("secret");
    }
  });

  it("pages through the longest titles, in any script", async () => {
    const { userId: owner, headers: ownerHeaders, createTask } = await testUser(app);
    // 200 code points of 4 UTF-8 bytes each, the most a title can hold.
    const titles = ["😀", "𝒜", "漢"].map((character) => character.repeat(200));
    for (const title of titles) await createTask({ title });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const after: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : "";
      const response = await app.inject({
        url: `${tasksPath(owner)}?sort=title&order=asc&limit=1${after}`,
        headers: ownerHeaders,
      });
      expect(response.statusCode).toBe(200);
      const page = response.json<{ items: Task[]; next_cursor: string | null }>();
      seen.push(...page.items.map((item) => item.title));
      cursor = page.next_cursor;
    } while (cursor && seen.length <= titles.length);
    expect(seen.sort()).toEqual([...titles].sort());
  });
});
