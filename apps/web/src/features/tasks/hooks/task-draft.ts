import { isAllDay } from "@todo/contract/due-date";
import type { FieldError } from "@todo/contract/problem";
import type { Priority, Task } from "@todo/contract/task";
import type { ZodError } from "zod";

// The task forms' draft: strings as typed, read from a task and turned into the contract's input.

/** What the form holds: strings as typed, turned into the contract's input on submit. */
export interface TaskDraft {
  title: string;
  description: string;
  priority: Priority;
  /** `YYYY-MM-DD` from the date input, or empty for no due date. */
  dueDate: string;
  /** `HH:mm` from the time input, in the browser's time zone; empty makes the task all-day. */
  dueTime: string;
  /** Comma-separated. */
  tags: string;
  /** The list's id as the select holds it; empty for the Inbox (no list). */
  listId: string;
  /** An RRULE value, or empty for no repeat. Kept while the due date is cleared, sent without. */
  recurrence: string;
  recurrenceFrom: Task["recurrence_from"];
  /** Minutes before the due date, as chosen. Kept while the due date is cleared, sent without. */
  reminders: number[];
}

export type TaskFieldName =
  | "title"
  | "description"
  | "priority"
  | "due_date"
  | "tags"
  | "list_id"
  | "recurrence"
  | "recurrence_from"
  | "reminders";
export type TaskFieldErrors = Partial<Record<TaskFieldName, string>>;

/** The zone a typed date and time are meant in, stored with the task. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** ISO instant → the local `YYYY-MM-DD` and `HH:mm` that the date and time inputs take. */
function toLocalInputs(iso: string): Pick<TaskDraft, "dueDate" | "dueTime"> {
  const date = new Date(iso);
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString();
  return { dueDate: local.slice(0, 10), dueTime: local.slice(11, 16) };
}

/** A due date as the form's date and time inputs (in the browser's zone). */
export function dueInputs(
  dueDate: string | null | undefined,
): Pick<TaskDraft, "dueDate" | "dueTime"> {
  if (!dueDate) return { dueDate: "", dueTime: "" };
  return isAllDay(dueDate) ? { dueDate, dueTime: "" } : toLocalInputs(dueDate);
}

export function draftFromTask(task?: Task): TaskDraft {
  return {
    title: task?.title ?? "",
    description: task?.description ?? "",
    priority: task?.priority ?? "medium",
    ...dueInputs(task?.due_date),
    tags: task?.tags.join(", ") ?? "",
    listId: task?.list_id ? String(task.list_id) : "",
    recurrence: task?.recurrence ?? "",
    recurrenceFrom: task?.recurrence_from ?? "due",
    reminders: task?.reminders.map((reminder) => reminder.before_minutes) ?? [],
  };
}

/** A date alone is an all-day date; with a time, the local moment it names. */
export function dueDateInput({
  dueDate,
  dueTime,
}: Pick<TaskDraft, "dueDate" | "dueTime">): string | null {
  if (!dueDate) return null;
  if (!dueTime) return dueDate;
  // No offset: Date reads it as local time and toISOString adds the Z.
  const moment = new Date(`${dueDate}T${dueTime}`);
  // A year the API refuses may not make a Date; the schema then says what is wrong.
  return Number.isNaN(moment.getTime()) ? `${dueDate}T${dueTime}` : moment.toISOString();
}

/**
 * The draft as the API's writable fields; the contract schemas then validate and normalise it.
 * Without a due date there is nothing to repeat or remind of: the form has said so, and the
 * repeat and reminders stay in the draft should a date come back.
 */
export function draftToInput(draft: TaskDraft, timeZone = browserTimeZone()) {
  const scheduled = draft.dueDate !== "";
  return {
    title: draft.title,
    description: draft.description.trim() === "" ? null : draft.description,
    priority: draft.priority,
    due_date: dueDateInput(draft),
    time_zone: timeZone,
    tags: draft.tags
      .split(",")
      .map((tag) => tag.trim())
      .filter(Boolean),
    list_id: draft.listId ? Number(draft.listId) : null,
    recurrence: scheduled && draft.recurrence ? draft.recurrence : null,
    recurrence_from: draft.recurrenceFrom,
    reminders: scheduled ? draft.reminders.map((before_minutes) => ({ before_minutes })) : [],
  };
}

/** What the form itself refuses before the schema looks: a time with no date to go with it. */
export function draftErrors(draft: TaskDraft): TaskFieldErrors {
  return draft.dueTime && !draft.dueDate
    ? { due_date: "Add a date for this time, or clear the time" }
    : {};
}

const FIELD_NAMES = new Set<string>([
  "title",
  "description",
  "priority",
  "due_date",
  "tags",
  "list_id",
  "recurrence",
  "recurrence_from",
  "reminders",
]);

/** The contract's terse "Needs a due_date" (a repeat or reminders without one), for people. */
const READABLE: Partial<Record<TaskFieldName, Record<string, string>>> = {
  recurrence: {
    "Needs a due_date": "A repeating task needs a due date: add one, or stop the repeat",
  },
  reminders: { "Needs a due_date": "Reminders need a due date: add one, or remove the reminders" },
};

/** Field errors from the client-side schema check or from the API's 422 (`tags.3`, `/title`…). */
export function toFieldErrors(issues: ZodError["issues"] | FieldError[]): TaskFieldErrors {
  const errors: TaskFieldErrors = {};
  for (const issue of issues) {
    const first = Array.isArray(issue.path)
      ? String(issue.path[0] ?? "")
      : issue.path.replace(/^\//, "").split(/[./[]/)[0];
    const field = (first && FIELD_NAMES.has(first) ? first : "title") as TaskFieldName;
    errors[field] ??= READABLE[field]?.[issue.message] ?? issue.message;
  }
  return errors;
}
