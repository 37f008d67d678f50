import type { Task } from "@todo/contract/task";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../src/app";
import { expectProblem, taskPath, tasksPath, testApp, testUser } from "./helpers";

/** docs/api.md, Tasks: `due_date` as a calendar date (an all-day task) and `time_zone`. */
let app: App;
beforeAll(async () => {
  app = await testApp();
});
afterAll(() => app.close());

describe("all-day due dates and time zones", () => {
  it("stores an all-day date as sent, with time_zone UTC unless given", async () => {
    const { userId, headers, createTask } = await testUser(app);
    const utc = await createTask({ title: "Christmas Eve", due_date: "2026-12-24" });
    expect(utc).toMatchObject({ due_date: "2026-12-24", time_zone: "UTC" });
    const paris = await createTask({
      title: "Leap day in Paris",
      due_date: "2028-02-29",
      time_zone: "Europe/Paris",
    });
    expect(paris).toMatchObject({ due_date: "2028-02-29", time_zone: "Europe/Paris" });
    const read = await app.inject({ url: taskPath(userId, paris.id), headers });
    expect(read.json<Task>()).toEqual(paris);
  });

  it("keeps a date-time a date-time, returned in UTC whatever the task's time zone", async () => {
    const { createTask } = await testUser(app);
    const task = await createTask({
      title: "Call",
      due_date: "2026-12-24T10:00:00+01:00",
      time_zone: "America/New_York",
    });
    expect(task).toMatchObject({
      due_date: "2026-12-24T09:00:00.000Z",
      time_zone: "America/New_York",
    });
  });

  it("updates between all-day and timed, and a time zone alone keeps the day", async () => {
    const { userId, headers, createTask } = await testUser(app);
    const task = await createTask({ title: "Move me", due_date: "2026-12-24T09:00:00Z" });
    const put = async (body: Record<string, unknown>) => {
      const response = await app.inject({
        method: "PUT",
        url: taskPath(userId, task.id),
        headers,
        payload: body,
      });
      expect(response.statusCode).toBe(200);
      return response.json<Task>();
    };
    expect(await put({ due_date: "2026-12-25" })).toMatchObject({
      due_date: "2026-12-25",
      time_zone: "UTC",
    });
    expect(await put({ time_zone: "Asia/Tokyo" })).toMatchObject({
      due_date: "2026-12-25",
      time_zone: "Asia/Tokyo",
    });
    expect(await put({ due_date: "2026-12-25T08:00:00-02:00" })).toMatchObject({
      due_date: "2026-12-25T10:00:00.000Z",
      time_zone: "Asia/Tokyo",
    });
    expect(await put({ due_date: null })).toMatchObject({ due_date: null });
  });

  it.each([
    ["2026-02-30", "Must be a real calendar date (YYYY-MM-DD)"],
    ["2026-02-29", "Must be a real calendar date (YYYY-MM-DD)"],
    ["2026-13-01", "Must be a real calendar date (YYYY-MM-DD)"],
    ["1000-01-01", "Must be between 1000-01-02 and 9999-12-30"],
    ["9999-12-31", "Must be between 1000-01-02 and 9999-12-30"],
    ["2026-12-1", "Must be a date (YYYY-MM-DD) or an RFC 3339 date-time with an offset"],
    ["2026-12-01T10:00:00", "Must be a date (YYYY-MM-DD) or an RFC 3339 date-time with an offset"],
  ])(
    "refuses the due date %s with a 422 on due_date, on create and update",
    async (due, message) => {
      const { userId, headers, postTask, createTask } = await testUser(app);
      expect(expectProblem(await postTask({ title: "x", due_date: due }), 422).errors).toEqual([
        { path: "due_date", message },
      ]);
      const task = await createTask({ title: "x" });
      const update = await app.inject({
        method: "PUT",
        url: taskPath(userId, task.id),
        headers,
        payload: { due_date: due },
      });
      expect(expectProblem(update, 422).errors).toEqual([{ path: "due_date", message }]);
    },
  );

  it.each([
    "Mars/Olympus_Mons",
    "+01:00",
    "UTC+1",
    "Europe/Paris ",
    "",
    "Europe/../Paris",
    null,
    5,
  ])("refuses the time zone %j with a 422 on time_zone, and changes nothing", async (zone) => {
    const { userId, headers, postTask, createTask } = await testUser(app);
    const created = await postTask({ title: "x", due_date: "2026-12-24", time_zone: zone });
    expect(expectProblem(created, 422).errors?.map((error) => error.path)).toEqual(["time_zone"]);
    const task = await createTask({ title: "x", due_date: "2026-12-24" });
    const update = await app.inject({
      method: "PUT",
      url: taskPath(userId, task.id),
      headers,
      payload: { time_zone: zone },
    });
    expect(expectProblem(update, 422).errors?.map((error) => error.path)).toEqual(["time_zone"]);
    const read = await app.inject({ url: taskPath(userId, task.id), headers });
    expect(read.json<Task>()).toEqual(task);
  });

  describe("sorted by due_date, an all-day date counts as the start of its day in its zone", () => {
    let user: Awaited<ReturnType<typeof testUser>>;
    /** Titles in ascending due_date order once created; ties broken by id (creation order). */
    const ascending = [
      "Kiritimati day (2026-12-23T10:00Z)",
      "timed 2026-12-23T23:30Z",
      "UTC day (2026-12-24T00:00Z)",
      "second UTC day (2026-12-24T00:00Z)",
      "Los Angeles day (2026-12-24T08:00Z)",
      "timed 2026-12-24T08:00Z",
    ];
    const ids = new Map<string, number>();

    beforeAll(async () => {
      user = await testUser(app);
      for (const [title, due_date, time_zone] of [
        ["UTC day (2026-12-24T00:00Z)", "2026-12-24", undefined],
        ["timed 2026-12-23T23:30Z", "2026-12-24T00:30:00+01:00", "Europe/Paris"],
        ["Kiritimati day (2026-12-23T10:00Z)", "2026-12-24", "Pacific/Kiritimati"],
        ["no due date", null, undefined],
        ["Los Angeles day (2026-12-24T08:00Z)", "2026-12-24", "America/Los_Angeles"],
        ["timed 2026-12-24T08:00Z", "2026-12-24T08:00:00Z", "Pacific/Kiritimati"],
        ["second UTC day (2026-12-24T00:00Z)", "2026-12-24", "UTC"],
      ] as const) {
        const task = await user.createTask({ title, due_date, time_zone });
        ids.set(title, task.id);
      }
    });

    type Page = { items: Task[]; total: number; next_cursor: string | null };

    /** Every task, sorted by due_date, page by page through the cursors. */
    async function pages(order: "asc" | "desc", limit: number): Promise<Task[]> {
      const items: Task[] = [];
      let cursor: string | null = null;
      do {
        const params = new URLSearchParams({ sort: "due_date", order, limit: String(limit) });
        if (cursor) params.set("cursor", cursor);
        const response = await app.inject({
          url: `${tasksPath(user.userId)}?${params}`,
          headers: user.headers,
        });
        expect(response.statusCode).toBe(200);
        const page: Page = response.json<Page>();
        expect(page.total).toBe(7);
        items.push(...page.items);
        cursor = page.next_cursor;
      } while (cursor);
      return items;
    }

    it.each([1, 2, 3, 50])("pages in order, nulls last, by %i a page", async (limit) => {
      // Ties go by id in the order's direction, so descending is exactly the reverse.
      const descending = [...ascending].reverse();
      expect((await pages("asc", limit)).map((task) => task.title)).toEqual([
        ...ascending,
        "no due date",
      ]);
      expect((await pages("desc", limit)).map((task) => task.title)).toEqual([
        ...descending,
        "no due date",
      ]);
    });

    it("moves an all-day task when its time zone changes", async () => {
      const id = ids.get("second UTC day (2026-12-24T00:00Z)") as number;
      const response = await app.inject({
        method: "PUT",
        url: taskPath(user.userId, id),
        headers: user.headers,
        payload: { time_zone: "Asia/Kolkata" },
      });
      expect(response.json<Task>()).toMatchObject({ due_date: "2026-12-24" });
      // 2026-12-24 in Kolkata (+05:30) starts at 2026-12-23T18:30Z.
      expect((await pages("asc", 2)).map((task) => task.title).slice(0, 3)).toEqual([
        ascending[0],
        "second UTC day (2026-12-24T00:00Z)",
        ascending[1],
      ]);
      await app.inject({
        method: "PUT",
        url: taskPath(user.userId, id),
        headers: user.headers,
        payload: { time_zone: "UTC" },
      });
    });
  });
});
