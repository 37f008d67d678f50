import type { List } from "@todo/contract/list";
import type { TaskList } from "@todo/contract/list-query";
import type { Task } from "@todo/contract/task";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../src/app";
import { expectProblem, taskPath, tasksPath, testApp, testUser } from "./helpers";

/** docs/api.md, Tasks: list_id, recurrence, recurrence_from, reminders, completed_at. */
let app: App;
beforeAll(async () => {
  app = await testApp();
});
afterAll(() => app.close());

async function user() {
  const base = await testUser(app);
  const { userId, headers } = base;
  const createList = async (name = "A list") => {
    const response = await app.inject({
      method: "POST",
      url: `/api/${encodeURIComponent(userId)}/lists`,
      headers,
      payload: { name },
    });
    expect(response.statusCode).toBe(201);
    return response.json<List>();
  };
  const put = (id: number, payload: unknown, extra: Record<string, string> = {}) =>
    app.inject({
      method: "PUT",
      url: taskPath(userId, id),
      headers: { ...headers, ...extra },
      payload: payload as Record<string, unknown>,
    });
  const complete = (id: number, payload?: unknown, extra: Record<string, string> = {}) =>
    app.inject({
      method: "PATCH",
      url: `${taskPath(userId, id)}/complete`,
      headers: { ...headers, ...extra },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
  const read = async (id: number) =>
    (await app.inject({ url: taskPath(userId, id), headers })).json<Task>();
  const query = (search: string) => app.inject({ url: `${tasksPath(userId)}?${search}`, headers });
  return { ...base, createList, put, complete, read, query };
}

const errorPaths = (response: {
  json(): unknown;
  statusCode: number;
  headers: Record<string, unknown>;
}) => expectProblem(response, 422).errors?.map((error) => error.path);

describe("defaults and round trip", () => {
  it("gives every task the version 2 fields with their defaults", async () => {
    const { createTask, read } = await user();
    const task = await createTask({ title: "Plain" });
    expect(task).toMatchObject({
      list_id: null,
      time_zone: "UTC",
      recurrence: null,
      recurrence_from: "due",
      reminders: [],
      completed_at: null,
    });
    expect(await read(task.id)).toEqual(task);
  });

  it("stores every field as given; PUT changes each and null clears list_id and recurrence", async () => {
    const { createTask, createList, put } = await user();
    const list = await createList();
    const task = await createTask({
      title: "Full",
      list_id: list.id,
      due_date: "2030-01-10",
      time_zone: "Europe/Paris",
      recurrence: "freq=weekly;byday=mo,th",
      recurrence_from: "completion",
      reminders: [{ before_minutes: 60 }, { before_minutes: 0 }],
    });
    expect(task).toMatchObject({
      list_id: list.id,
      recurrence: "FREQ=WEEKLY;BYDAY=MO,TH",
      recurrence_from: "completion",
      reminders: [{ before_minutes: 60 }, { before_minutes: 0 }],
    });
    const cleared = await put(task.id, {
      list_id: null,
      recurrence: null,
      recurrence_from: "due",
      reminders: [],
    });
    expect(cleared.statusCode).toBe(200);
    expect(cleared.json<Task>()).toMatchObject({
      list_id: null,
      recurrence: null,
      recurrence_from: "due",
      reminders: [],
      due_date: "2030-01-10",
    });
  });
});

describe("list_id", () => {
  it("moves a task between the user's lists", async () => {
    const { createTask, createList, put } = await user();
    const [home, work] = [await createList("Home"), await createList("Work")];
    const task = await createTask({ title: "Move", list_id: home.id });
    expect((await put(task.id, { list_id: work.id })).json<Task>().list_id).toBe(work.id);
  });

  it("refuses another user's list, a missing one and a malformed one with a 422 on list_id", async () => {
    const me = await user();
    const other = await user();
    const theirs = await other.createList("Theirs");
    const mine = await me.createTask({ title: "Mine" });
    for (const listId of [theirs.id, 987654321, 0, -1, 1.5, "1", true]) {
      expect(errorPaths(await me.postTask({ title: "x", list_id: listId }))).toEqual(["list_id"]);
      // With a key, the same statement refuses inside the key's transaction.
      const key = { "idempotency-key": `refused-${String(listId)}` };
      const keyed = await me.postTask({ title: "x", list_id: listId }, key);
      expect(errorPaths(keyed)).toEqual(["list_id"]);
      expect(errorPaths(await me.put(mine.id, { list_id: listId }))).toEqual(["list_id"]);
    }
    expect((await me.read(mine.id)).list_id).toBeNull();
    // Nothing was put in their list.
    const lists = await app.inject({
      url: `/api/${encodeURIComponent(other.userId)}/lists/${theirs.id}`,
      headers: other.headers,
    });
    expect(lists.json<List>().task_count).toBe(0);
  });
});

describe("recurrence and reminders", () => {
  it("refuses a rule outside the supported subset with a 422 on recurrence", async () => {
    const { postTask } = await user();
    for (const recurrence of [
      "FREQ=HOURLY",
      "RRULE:FREQ=DAILY",
      "FREQ=DAILY;BYSETPOS=1",
      "FREQ=WEEKLY;BYDAY=-1FR",
      "FREQ=DAILY;COUNT=1000",
      "FREQ=DAILY;INTERVAL=0",
      "FREQ=DAILY;COUNT=2;UNTIL=20301231",
      "",
    ]) {
      const response = await postTask({ title: "x", due_date: "2030-01-01", recurrence });
      expect(errorPaths(response)).toEqual(["recurrence"]);
    }
  });

  it("needs a due date for a recurrence or reminders", async () => {
    const { postTask, createTask, put, read } = await user();
    expect(errorPaths(await postTask({ title: "x", recurrence: "FREQ=DAILY" }))).toEqual([
      "recurrence",
    ]);
    expect(
      errorPaths(
        await postTask({ title: "x", due_date: null, reminders: [{ before_minutes: 5 }] }),
      ),
    ).toEqual(["reminders"]);
    const recurring = await createTask({
      title: "r",
      due_date: "2030-01-01",
      recurrence: "FREQ=DAILY",
    });
    expect(errorPaths(await put(recurring.id, { due_date: null }))).toEqual(["due_date"]);
    expect(
      errorPaths(await put(recurring.id, { due_date: null, recurrence: "FREQ=WEEKLY" })),
    ).toEqual(["recurrence"]);
    expect((await read(recurring.id)).due_date).toBe("2030-01-01");
    // Cleared together, it is fine.
    const both = await put(recurring.id, { due_date: null, recurrence: null });
    expect(both.json<Task>()).toMatchObject({ due_date: null, recurrence: null });
    const plain = await createTask({ title: "p" });
    expect(errorPaths(await put(plain.id, { reminders: [{ before_minutes: 5 }] }))).toEqual([
      "reminders",
    ]);
  });

  it("takes 0 to 5 distinct reminders of 0 to 40320 minutes", async () => {
    const { postTask, createTask } = await user();
    const due = "2030-01-01T09:00:00Z";
    const five = [0, 10, 60, 1440, 40320].map((before_minutes) => ({ before_minutes }));
    expect((await createTask({ title: "ok", due_date: due, reminders: five })).reminders).toEqual(
      five,
    );
    for (const reminders of [
      [...five, { before_minutes: 5 }],
      [{ before_minutes: 10 }, { before_minutes: 10 }],
      [{ before_minutes: 40321 }],
      [{ before_minutes: -1 }],
      [{ before_minutes: 1.5 }],
      [{ before_minutes: 5, at: "x" }],
      [{}],
      "10",
    ]) {
      const paths = errorPaths(await postTask({ title: "x", due_date: due, reminders }));
      expect(paths?.every((path) => path.startsWith("reminders"))).toBe(true);
    }
  });

  it("refuses recurrence_from values other than due and completion", async () => {
    const { postTask } = await user();
    const response = await postTask({ title: "x", due_date: "2030-01-01", recurrence_from: "now" });
    expect(errorPaths(response)).toEqual(["recurrence_from"]);
  });
});

describe("completed_at", () => {
  it("is set on completion, kept by a repeated completion and cleared on reopening", async () => {
    const { createTask, complete, put } = await user();
    const task = await createTask({ title: "Done soon" });
    const done = (await complete(task.id)).json<Task>();
    expect(done.completed).toBe(true);
    expect(Date.parse(done.completed_at ?? "")).toBeGreaterThanOrEqual(Date.parse(task.created_at));
    const again = (await complete(task.id, { completed: true })).json<Task>();
    expect(again.completed_at).toBe(done.completed_at);
    expect((await put(task.id, { title: "Renamed" })).json<Task>().completed_at).toBe(
      done.completed_at,
    );
    expect((await complete(task.id)).json<Task>()).toMatchObject({
      completed: false,
      completed_at: null,
    });
    const byPut = (await put(task.id, { completed: true })).json<Task>();
    expect(byPut.completed_at).not.toBeNull();
    expect((await put(task.id, { completed: false })).json<Task>().completed_at).toBeNull();
    const createdDone = await createTask({ title: "Born done", completed: true });
    expect(createdDone.completed_at).not.toBeNull();
  });
});

describe("completing a recurring task", () => {
  it("advances an all-day task, counts COUNT down, then completes it", async () => {
    const { createTask, complete, read } = await user();
    const task = await createTask({
      title: "Water plants",
      due_date: "2030-01-10",
      recurrence: "FREQ=DAILY;INTERVAL=2;COUNT=3",
    });
    const first = await complete(task.id);
    expect(first.statusCode).toBe(200);
    expect(first.json<Task>()).toMatchObject({
      completed: false,
      completed_at: null,
      due_date: "2030-01-12",
      recurrence: "FREQ=DAILY;INTERVAL=2;COUNT=2",
    });
    expect(first.headers.etag).toBe(`"${task.id}-2"`);
    expect((await complete(task.id, { completed: true })).json<Task>()).toMatchObject({
      completed: false,
      due_date: "2030-01-14",
      recurrence: "FREQ=DAILY;INTERVAL=2;COUNT=1",
    });
    const last = (await complete(task.id)).json<Task>();
    expect(last).toMatchObject({ completed: true, due_date: "2030-01-14" });
    expect(last.completed_at).not.toBeNull();
    expect(await read(task.id)).toEqual(last);
    // Reopening does not move it.
    expect((await complete(task.id)).json<Task>()).toMatchObject({
      completed: false,
      due_date: "2030-01-14",
    });
  });

  it("advances on PUT completed: true, with the other changes of the same request", async () => {
    const { createTask, put } = await user();
    const task = await createTask({ title: "Weekly", due_date: "2030-01-07T08:00:00Z" });
    const response = await put(task.id, {
      completed: true,
      recurrence: "FREQ=WEEKLY",
      time_zone: "Europe/Paris",
      title: "Weekly review",
    });
    expect(response.statusCode).toBe(200);
    expect(response.json<Task>()).toMatchObject({
      title: "Weekly review",
      completed: false,
      due_date: "2030-01-14T08:00:00.000Z",
      recurrence: "FREQ=WEEKLY",
    });
  });

  it("keeps the local time across a daylight-saving change in the task's zone", async () => {
    const { createTask, complete } = await user();
    // 09:00 in New York on Saturday 9 March 2030; the clocks go forward on Sunday the 10th.
    const task = await createTask({
      title: "Run",
      due_date: "2030-03-09T14:00:00Z",
      time_zone: "America/New_York",
      recurrence: "FREQ=DAILY",
    });
    expect((await complete(task.id)).json<Task>().due_date).toBe("2030-03-10T13:00:00.000Z");
  });

  it("moves an overdue task to the first occurrence after now", async () => {
    const { createTask, complete } = await user();
    const task = await createTask({
      title: "Monday standup",
      due_date: "2020-01-06T09:00:00Z",
      recurrence: "FREQ=WEEKLY",
    });
    const before = Date.now();
    const due = new Date((await complete(task.id)).json<Task>().due_date ?? "");
    expect(due.getTime()).toBeGreaterThan(before);
    expect(due.getTime() - before).toBeLessThanOrEqual(7 * 24 * 3600 * 1000);
    expect([due.getUTCDay(), due.getUTCHours(), due.getUTCMinutes()]).toEqual([1, 9, 0]);
  });

  it("a retry with If-Match never skips an occurrence", async () => {
    const { createTask, complete, read } = await user();
    const task = await createTask({
      title: "Pay rent",
      due_date: "2030-01-31",
      recurrence: "FREQ=MONTHLY;BYMONTHDAY=-1",
    });
    const etag = `"${task.id}-1"`;
    const first = await complete(task.id, undefined, { "if-match": etag });
    expect(first.json<Task>().due_date).toBe("2030-02-28");
    expectProblem(await complete(task.id, undefined, { "if-match": etag }), 412);
    expectProblem(await complete(task.id, { completed: true }, { "if-match": etag }), 412);
    expect((await read(task.id)).due_date).toBe("2030-02-28");
    const second = await complete(task.id, undefined, { "if-match": first.headers.etag as string });
    expect(second.json<Task>().due_date).toBe("2030-03-31");
  });

  it("concurrent completions each advance once, none lost", async () => {
    const { createTask, complete, read } = await user();
    const task = await createTask({
      title: "Daily",
      due_date: "2030-01-01",
      recurrence: "FREQ=DAILY",
    });
    const responses = await Promise.all(Array.from({ length: 4 }, () => complete(task.id)));
    expect(responses.map((response) => response.statusCode)).toEqual([200, 200, 200, 200]);
    expect((await read(task.id)).due_date).toBe("2030-01-05");
  });

  it("counts a recurring task in the list totals as open while it advances", async () => {
    const { createTask, complete, query } = await user();
    const task = await createTask({
      title: "Daily",
      due_date: "2030-01-01",
      recurrence: "FREQ=DAILY",
    });
    await complete(task.id);
    expect((await query("status=pending")).json<TaskList>().total).toBe(1);
    expect((await query("status=completed")).json<TaskList>().total).toBe(0);
  });
});

describe("list query: list_id, due_before, due_after", () => {
  it("filters by list, by the Inbox, and counts the matches", async () => {
    const { createTask, createList, query } = await user();
    const list = await createList();
    const inList = await createTask({ title: "In the list", list_id: list.id });
    const inbox = await createTask({ title: "In the inbox" });
    const byList = (await query(`list_id=${list.id}`)).json<TaskList>();
    expect(byList.items.map((task) => task.id)).toEqual([inList.id]);
    expect(byList.total).toBe(1);
    const byInbox = (await query("list_id=inbox")).json<TaskList>();
    expect(byInbox.items.map((task) => task.id)).toEqual([inbox.id]);
    expect(byInbox.total).toBe(1);
  });

  it("refuses a malformed list_id and one that is not a list of this user", async () => {
    const { query } = await user();
    const other = await user();
    const theirs = await other.createList();
    for (const value of ["abc", "0", "-1", "", "Inbox", String(theirs.id), "987654321"]) {
      expect(errorPaths(await query(`list_id=${value}`))).toEqual(["list_id"]);
    }
  });

  it("bounds the due moment, an all-day date counting from the start of its day in its zone", async () => {
    const { createTask, query } = await user();
    // Starts 2030-01-09T23:00Z (Paris is UTC+1 in winter).
    const paris = await createTask({
      title: "Paris day",
      due_date: "2030-01-10",
      time_zone: "Europe/Paris",
    });
    const timed = await createTask({ title: "Timed", due_date: "2030-01-10T12:00:00Z" });
    await createTask({ title: "No date" });
    const ids = async (search: string) =>
      (await query(`${search}&sort=due_date&order=asc`))
        .json<TaskList>()
        .items.map((task) => task.id);
    expect(await ids("due_before=2030-01-09T23:30:00Z")).toEqual([paris.id]);
    expect(await ids("due_after=2030-01-09T23:30:00Z")).toEqual([timed.id]);
    expect(await ids("due_after=2030-01-10T00:00:00%2B01:00")).toEqual([paris.id, timed.id]);
    expect(await ids("due_before=2030-01-09T23:00:00Z")).toEqual([]);
    expect(await ids("due_after=2030-01-09T00:00:00Z&due_before=2030-01-11T00:00:00Z")).toEqual([
      paris.id,
      timed.id,
    ]);
    const total = (await query("due_before=2030-01-10T13:00:00Z")).json<TaskList>().total;
    expect(total).toBe(2);
  });

  it("refuses a due bound that is not an RFC 3339 date-time with an offset", async () => {
    const { query } = await user();
    for (const value of ["2030-01-10", "2030-01-10T12:00:00", "tomorrow", ""]) {
      expect(errorPaths(await query(`due_before=${value}`))).toEqual(["due_before"]);
      expect(errorPaths(await query(`due_after=${value}`))).toEqual(["due_after"]);
    }
  });
});
