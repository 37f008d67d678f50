import type { Notification, NotificationCollection } from "@todo/contract/notification";
import type { Task } from "@todo/contract/task";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { App } from "../src/app";
import type { DeliveredNotification } from "../src/jobs/notification-channels";
import { authHeader, captureLogs, expectProblem, taskPath, testApp, testUser } from "./helpers";
import { waitUntil } from "./support/create-load";

const owner = new pg.Pool({ connectionString: inject("ownerDatabaseUrl"), max: 2 });
const notificationsPath = (userId: string) => `/api/${encodeURIComponent(userId)}/notifications`;

/** The pending reminder jobs of a task: minutes before → run_at (ISO). */
async function pendingJobs(taskId: number): Promise<Record<string, string>> {
  const { rows } = await owner.query<{ key: string; run_at: Date }>(
    "select key, run_at from graphile_worker.jobs where key like $1 and locked_at is null",
    [`reminder:${taskId}:%`],
  );
  return Object.fromEntries(
    rows.map((row) => [row.key.split(":")[2] as string, row.run_at.toISOString()]),
  );
}

const minutesBefore = (iso: string, minutes: number) =>
  new Date(Date.parse(iso) - minutes * 60_000).toISOString();

describe("reminders and notifications", () => {
  let app: App;
  /** What the in-test channel received, in order. */
  const delivered: DeliveredNotification[] = [];
  let failing = 0;
  const logs = captureLogs();

  beforeAll(async () => {
    app = await testApp({
      logger: { level: "warn", destination: logs.stream, requests: "slow" },
      reminderPollIntervalMs: 100,
      notificationChannels: [
        {
          name: "failing",
          deliver: async () => {
            failing++;
            throw new Error("unreachable push service");
          },
        },
        { name: "recording", deliver: async (notification) => void delivered.push(notification) },
      ],
    });
  });
  afterAll(async () => {
    await app.close();
    await owner.end();
  });

  const list = async (userId: string) => {
    const response = await app.inject({
      url: notificationsPath(userId),
      headers: await authHeader(userId),
    });
    expect(response.statusCode).toBe(200);
    return response.json<NotificationCollection>();
  };

  /** A task whose one reminder is already due (a minute late), and its notification once delivered. */
  const remindedTask = async (user: Awaited<ReturnType<typeof testUser>>, title: string) => {
    const due = new Date(Date.now() - 60_000).toISOString();
    const task = await user.createTask({
      title,
      due_date: due,
      time_zone: "Europe/Paris",
      reminders: [{ before_minutes: 0 }],
    });
    let found: Notification | undefined;
    await waitUntil(
      async () => {
        found = (await list(user.userId)).items.find((item) => item.task_id === task.id);
        return found !== undefined;
      },
      10_000,
      "the notification",
    );
    return { task, notification: found as Notification };
  };

  it("deliver a due reminder once as a notification, to the list and to each channel", async () => {
    const user = await testUser(app);
    const { task, notification } = await remindedTask(user, "Pay rent");
    expect(notification).toEqual({
      id: expect.any(Number),
      task_id: task.id,
      title: "Pay rent",
      due_date: task.due_date,
      fire_at: task.due_date,
      read: false,
      created_at: expect.any(String),
    });
    expect(Date.parse(notification.created_at)).toBeGreaterThanOrEqual(Date.parse(task.created_at));
    // The channel after the failing one still got it, once, with the owner.
    await waitUntil(() => delivered.some((d) => d.id === notification.id), 5_000, "the channel");
    expect(delivered.filter((d) => d.task_id === task.id)).toEqual([
      // With the task's zone, for channels that word the due date (email).
      { ...notification, user_id: user.userId, time_zone: "Europe/Paris" },
    ]);
    expect(failing).toBeGreaterThan(0);
    // The failure is logged by channel and id, without the title or the error's message.
    expect(logs.text()).toContain('"channel":"failing"');
    expect(logs.text()).toContain(`"notificationId":${notification.id}`);
    expect(logs.text()).not.toContain("Pay rent");
    expect(logs.text()).not.toContain("unreachable push service");
    expect(await pendingJobs(task.id)).toEqual({});
    // Completing and reopening queues the same (late) reminder again: it is not delivered twice.
    for (const completed of [true, false]) {
      const response = await app.inject({
        method: "PATCH",
        url: `${taskPath(user.userId, task.id)}/complete`,
        headers: user.headers,
        payload: { completed },
      });
      expect(response.statusCode).toBe(200);
    }
    await waitUntil(
      async () => (await pendingJobs(task.id))["0"] === undefined,
      5_000,
      "the rerun",
    );
    expect((await list(user.userId)).items).toHaveLength(1);
    expect(delivered.filter((d) => d.task_id === task.id)).toHaveLength(1);
  });

  it("list newest first with the unread count; mark one and all read", async () => {
    const user = await testUser(app);
    const first = await remindedTask(user, "first");
    const second = await remindedTask(user, "second");
    let body = await list(user.userId);
    expect(body.items.map((item) => item.id)).toEqual([
      second.notification.id,
      first.notification.id,
    ]);
    expect(body.unread).toBe(2);

    const read = await app.inject({
      method: "POST",
      url: `${notificationsPath(user.userId)}/${first.notification.id}/read`,
      headers: user.headers,
    });
    expect(read.statusCode).toBe(204);
    expect(read.body).toBe("");
    body = await list(user.userId);
    expect(body.unread).toBe(1);
    expect(body.items.find((item) => item.id === first.notification.id)?.read).toBe(true);

    const all = await app.inject({
      method: "POST",
      url: `${notificationsPath(user.userId)}/read-all`,
      headers: user.headers,
    });
    expect(all.statusCode).toBe(204);
    body = await list(user.userId);
    expect(body.unread).toBe(0);
    expect(body.items.every((item) => item.read)).toBe(true);
  });

  it("answer 401, 403, 404 and 422 as the task routes do, and never show another user's", async () => {
    const user = await testUser(app);
    const other = await testUser(app);
    const { notification } = await remindedTask(other, "private");
    expect((await list(user.userId)).items).toEqual([]);

    const anonymous = await app.inject({ url: notificationsPath(user.userId) });
    expectProblem(anonymous, 401);
    const theirs = await app.inject({
      url: notificationsPath(other.userId),
      headers: user.headers,
    });
    expectProblem(theirs, 403);
    const theirReadAll = await app.inject({
      method: "POST",
      url: `${notificationsPath(other.userId)}/read-all`,
      headers: user.headers,
    });
    expectProblem(theirReadAll, 403);
    for (const [id, status] of [
      [notification.id, 404],
      [999_999_999, 404],
      ["99999999999999999999", 404],
      ["0", 422],
      ["abc", 422],
    ] as const) {
      const response = await app.inject({
        method: "POST",
        url: `${notificationsPath(user.userId)}/${id}/read`,
        headers: user.headers,
      });
      expectProblem(response, status);
    }
    // Marking all of one's own read leaves the other user's unread.
    await app.inject({
      method: "POST",
      url: `${notificationsPath(user.userId)}/read-all`,
      headers: user.headers,
    });
    expect((await list(other.userId)).unread).toBe(1);
  });

  it("schedule each reminder at due − minutes, an all-day date from 09:00 in its zone", async () => {
    const user = await testUser(app);
    const due = "2030-03-10T15:00:00.000Z";
    const timed = await user.createTask({
      title: "timed",
      due_date: due,
      reminders: [{ before_minutes: 0 }, { before_minutes: 90 }],
    });
    expect(await pendingJobs(timed.id)).toEqual({ 0: due, 90: minutesBefore(due, 90) });
    const allDay = await user.createTask({
      title: "all day",
      due_date: "2030-07-01",
      time_zone: "Europe/Paris",
      reminders: [{ before_minutes: 60 }],
    });
    // 09:00 in Paris in summer is 07:00 UTC.
    expect(await pendingJobs(allDay.id)).toEqual({ 60: "2030-07-01T06:00:00.000Z" });
    const none = await user.createTask({ title: "no reminders", due_date: due });
    expect(await pendingJobs(none.id)).toEqual({});
  });

  it("reschedule on every change of due date, zone or reminders, and cancel on complete and delete", async () => {
    const user = await testUser(app);
    const task = await user.createTask({
      title: "moving",
      due_date: "2030-03-10T15:00:00.000Z",
      reminders: [{ before_minutes: 10 }, { before_minutes: 60 }],
    });
    const put = async (changes: Record<string, unknown>) => {
      const response = await app.inject({
        method: "PUT",
        url: taskPath(user.userId, task.id),
        headers: user.headers,
        payload: { title: "moving", ...changes },
      });
      expect(response.statusCode).toBe(200);
      return response.json<Task>();
    };
    await put({ due_date: "2030-04-01T08:00:00.000Z", reminders: [{ before_minutes: 10 }] });
    expect(await pendingJobs(task.id)).toEqual({ 10: "2030-04-01T07:50:00.000Z" });
    await put({
      due_date: "2030-04-01",
      time_zone: "America/New_York",
      reminders: [{ before_minutes: 0 }],
    });
    expect(await pendingJobs(task.id)).toEqual({ 0: "2030-04-01T13:00:00.000Z" });
    await put({
      due_date: "2030-04-01",
      time_zone: "Asia/Tokyo",
      reminders: [{ before_minutes: 0 }],
    });
    expect(await pendingJobs(task.id)).toEqual({ 0: "2030-04-01T00:00:00.000Z" });
    await put({ due_date: "2030-04-01", time_zone: "Asia/Tokyo", reminders: [] });
    expect(await pendingJobs(task.id)).toEqual({});
    await put({ due_date: "2030-04-01T08:00:00.000Z", reminders: [{ before_minutes: 5 }] });
    expect(await pendingJobs(task.id)).toEqual({ 5: "2030-04-01T07:55:00.000Z" });

    const complete = await app.inject({
      method: "PATCH",
      url: `${taskPath(user.userId, task.id)}/complete`,
      headers: user.headers,
    });
    expect(complete.json<Task>().completed).toBe(true);
    expect(await pendingJobs(task.id)).toEqual({});
    const reopen = await app.inject({
      method: "PATCH",
      url: `${taskPath(user.userId, task.id)}/complete`,
      headers: user.headers,
    });
    expect(reopen.json<Task>().completed).toBe(false);
    expect(await pendingJobs(task.id)).toEqual({ 5: "2030-04-01T07:55:00.000Z" });

    const removed = await app.inject({
      method: "DELETE",
      url: taskPath(user.userId, task.id),
      headers: user.headers,
    });
    expect(removed.statusCode).toBe(204);
    expect(await pendingJobs(task.id)).toEqual({});
  });

  it("leave the jobs untouched by writes that change none of what schedules them", async () => {
    const user = await testUser(app);
    const task = await user.createTask({
      title: "steady",
      due_date: "2030-05-01T10:00:00.000Z",
      reminders: [{ before_minutes: 15 }, { before_minutes: 30 }],
    });
    const revisions = async () =>
      (
        await owner.query<{ key: string; revision: number }>(
          "select key, revision from graphile_worker.jobs where key like $1 order by key",
          [`reminder:${task.id}:%`],
        )
      ).rows;
    const before = await revisions();
    expect(before).toHaveLength(2);
    // An edit of the title alone, and a statement setting the schedule's columns to what they
    // are (the trigger fires for both; the function finds nothing changed): no job replaced.
    const edited = await app.inject({
      method: "PUT",
      url: taskPath(user.userId, task.id),
      headers: user.headers,
      payload: {
        title: "steady, renamed",
        due_date: "2030-05-01T10:00:00.000Z",
        reminders: [{ before_minutes: 15 }, { before_minutes: 30 }],
      },
    });
    expect(edited.statusCode).toBe(200);
    await owner.query(
      `update tasks set due_date = due_date, due_on = due_on, time_zone = time_zone,
         reminder_offsets = reminder_offsets, completed = completed where id = $1`,
      [task.id],
    );
    expect(await revisions()).toEqual(before);
    expect(await pendingJobs(task.id)).toEqual({
      15: "2030-05-01T09:45:00.000Z",
      30: "2030-05-01T09:30:00.000Z",
    });
  });

  it("schedule the next occurrence's reminders when a recurring task advances", async () => {
    const user = await testUser(app);
    const task = await user.createTask({
      title: "weekly",
      due_date: "2030-03-04T09:00:00.000Z",
      recurrence: "FREQ=WEEKLY",
      reminders: [{ before_minutes: 30 }],
    });
    const advanced = await app.inject({
      method: "PATCH",
      url: `${taskPath(user.userId, task.id)}/complete`,
      headers: user.headers,
    });
    expect(advanced.json<Task>()).toMatchObject({
      completed: false,
      due_date: "2030-03-11T09:00:00.000Z",
    });
    expect(await pendingJobs(task.id)).toEqual({ 30: "2030-03-11T08:30:00.000Z" });
  });

  it("cancel the reminders of a deleted list's tasks and of an erased account, with its notifications", async () => {
    const user = await testUser(app);
    const created = await app.inject({
      method: "POST",
      url: `/api/${encodeURIComponent(user.userId)}/lists`,
      headers: user.headers,
      payload: { name: "Bills" },
    });
    const listId = created.json<{ id: number }>().id;
    const inList = await user.createTask({
      title: "in the list",
      list_id: listId,
      due_date: "2030-03-10T15:00:00.000Z",
      reminders: [{ before_minutes: 0 }],
    });
    expect(Object.keys(await pendingJobs(inList.id))).toEqual(["0"]);
    const deleted = await app.inject({
      method: "DELETE",
      url: `/api/${encodeURIComponent(user.userId)}/lists/${listId}`,
      headers: user.headers,
    });
    expect(deleted.statusCode).toBe(204);
    expect(await pendingJobs(inList.id)).toEqual({});

    const pending = await user.createTask({
      title: "pending",
      due_date: "2030-03-10T15:00:00.000Z",
      reminders: [{ before_minutes: 0 }],
    });
    await remindedTask(user, "delivered");
    const erased = await app.inject({
      method: "DELETE",
      url: `/api/${encodeURIComponent(user.userId)}`,
      headers: user.headers,
    });
    expect(erased.statusCode).toBe(204);
    expect(await pendingJobs(pending.id)).toEqual({});
    expect(await list(user.userId)).toEqual({ items: [], unread: 0 });
    const { rows } = await owner.query("select 1 from notifications where user_id = $1", [
      user.userId,
    ]);
    expect(rows).toEqual([]);
  });

  it("schedule the reminders of imported tasks", async () => {
    const source = await testUser(app);
    await source.createTask({
      title: "exported",
      due_date: "2030-03-10T15:00:00.000Z",
      reminders: [{ before_minutes: 15 }],
    });
    const exported = await app.inject({
      url: `/api/${encodeURIComponent(source.userId)}/export`,
      headers: source.headers,
    });
    const target = await testUser(app);
    const imported = await app.inject({
      method: "POST",
      url: `/api/${encodeURIComponent(target.userId)}/import`,
      headers: target.headers,
      payload: exported.json(),
    });
    expect(imported.statusCode).toBe(201);
    const tasks = await app.inject({
      url: `/api/${encodeURIComponent(target.userId)}/tasks`,
      headers: target.headers,
    });
    const [task] = tasks.json<{ items: Task[] }>().items;
    expect(await pendingJobs((task as Task).id)).toEqual({ 15: "2030-03-10T14:45:00.000Z" });
  });
});
