import { createTaskSchema } from "@todo/contract/task";
import { describe, expect, it } from "vitest";
import { changedInput } from "./edit-draft";
import { draftErrors, draftFromTask, draftToInput, toFieldErrors } from "./task-draft";

const task = {
  id: 7,
  user_id: "u1",
  title: "Pay rent",
  description: null,
  completed: false,
  priority: "high" as const,
  due_date: "2026-12-01T17:00:00.000Z",
  time_zone: "UTC",
  tags: ["home", "money"],
  list_id: null,
  recurrence: null,
  recurrence_from: "due" as const,
  reminders: [],
  completed_at: null,
  created_at: "2026-11-24T10:00:00.000Z",
  updated_at: "2026-11-24T10:00:00.000Z",
};

describe("task drafts", () => {
  it("round-trips a task through the form's strings", () => {
    const draft = draftFromTask(task);
    expect(draft).toMatchObject({ title: "Pay rent", description: "", tags: "home, money" });
    // Local date and time inputs have minutes, no zone: the instant survives in any time zone.
    expect(draft.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(draft.dueTime).toMatch(/^\d{2}:\d{2}$/);
    expect(draftToInput(draft, "Europe/Paris")).toEqual({
      title: "Pay rent",
      description: null,
      priority: "high",
      due_date: "2026-12-01T17:00:00.000Z",
      time_zone: "Europe/Paris",
      tags: ["home", "money"],
      list_id: null,
      recurrence: null,
      recurrence_from: "due",
      reminders: [],
    });
  });

  it("reads and sends a repeat and reminders, and measures changes to them by value", () => {
    const recurring = {
      ...task,
      recurrence: "FREQ=WEEKLY;BYDAY=MO,TH",
      recurrence_from: "completion" as const,
      reminders: [{ before_minutes: 10 }, { before_minutes: 1440 }],
    };
    const draft = draftFromTask(recurring);
    expect(draft).toMatchObject({
      recurrence: "FREQ=WEEKLY;BYDAY=MO,TH",
      recurrenceFrom: "completion",
      reminders: [10, 1440],
    });
    expect(changedInput(recurring, { ...draft, reminders: [10, 1440] })).toEqual({});
    expect(changedInput(recurring, { ...draft, reminders: [10] })).toEqual({
      reminders: [{ before_minutes: 10 }],
    });
    expect(changedInput(recurring, { ...draft, recurrence: "" })).toEqual({ recurrence: null });
  });

  it("sends no repeat or reminders once the due date is cleared, and keeps them in the draft", () => {
    const recurring = { ...task, recurrence: "FREQ=DAILY", reminders: [{ before_minutes: 0 }] };
    const draft = { ...draftFromTask(recurring), dueDate: "", dueTime: "" };
    expect(draft.recurrence).toBe("FREQ=DAILY");
    expect(changedInput(recurring, draft, "UTC")).toEqual({
      due_date: null,
      time_zone: "UTC",
      recurrence: null,
      reminders: [],
    });
  });

  it("says in words that a repeat or reminders need a due date (the API's 422)", () => {
    expect(
      toFieldErrors([
        { path: "/recurrence", message: "Needs a due_date" },
        { path: "/reminders", message: "Needs a due_date" },
      ]),
    ).toEqual({
      recurrence: "A repeating task needs a due date: add one, or stop the repeat",
      reminders: "Reminders need a due date: add one, or remove the reminders",
    });
  });

  it("keeps a date without a time as an all-day date, in the browser's time zone", () => {
    const draft = { ...draftFromTask(), title: "Christmas Eve", dueDate: "2026-12-24" };
    const input = draftToInput(draft);
    expect(input).toMatchObject({ due_date: "2026-12-24" });
    expect(input.time_zone).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
    expect(createTaskSchema.safeParse(input).success).toBe(true);
    // Shown again as a date with no time, so saving it unchanged keeps it all-day.
    const allDay = { ...task, due_date: "2026-12-24", time_zone: "Asia/Tokyo" };
    expect(draftFromTask(allDay)).toMatchObject({ dueDate: "2026-12-24", dueTime: "" });
    expect(changedInput(allDay, { ...draftFromTask(allDay), title: "Renamed" })).toEqual({
      title: "Renamed",
    });
  });

  it("refuses a time without a date rather than dropping it", () => {
    expect(draftErrors({ ...draftFromTask(), dueTime: "09:30" })).toEqual({
      due_date: "Add a date for this time, or clear the time",
    });
    expect(draftErrors({ ...draftFromTask(), dueDate: "2026-12-24", dueTime: "09:30" })).toEqual(
      {},
    );
  });

  it("gives an edit only the fields the user changed, a due date with its time zone", () => {
    const draft = draftFromTask(task);
    expect(changedInput(task, draft)).toEqual({});
    expect(changedInput(task, { ...draft, priority: "low" })).toEqual({ priority: "low" });
    expect(
      changedInput(task, { ...draft, dueDate: "2027-01-05", dueTime: "" }, "Europe/Paris"),
    ).toEqual({ due_date: "2027-01-05", time_zone: "Europe/Paris" });
    expect(changedInput(task, { ...draft, dueDate: "", dueTime: "" })).toMatchObject({
      due_date: null,
    });
  });

  it("turns empty optional fields into the API's null and []", () => {
    const input = draftToInput({ ...draftFromTask(), title: "x", description: "  ", tags: " , " });
    expect(input).toMatchObject({ description: null, due_date: null, tags: [] });
    expect(createTaskSchema.safeParse(input).success).toBe(true);
  });
});

describe("toFieldErrors", () => {
  it("maps the contract schema's issues onto the form's fields", () => {
    const result = createTaskSchema.safeParse(
      draftToInput({ ...draftFromTask(), title: " ", tags: "a".repeat(33) }),
    );
    expect(result.success).toBe(false);
    expect(toFieldErrors(result.error?.issues ?? [])).toEqual({
      title: "Must not be empty",
      tags: "Must be at most 32 characters",
    });
  });

  it("maps the API's 422 paths, keeping the first message per field", () => {
    expect(
      toFieldErrors([
        { path: "tags.3", message: "Too long" },
        { path: "/due_date", message: "Invalid date" },
        { path: "tags[0]", message: "Second message" },
        { path: "", message: "Body is invalid" },
      ]),
    ).toEqual({ tags: "Too long", due_date: "Invalid date", title: "Body is invalid" });
  });
});
