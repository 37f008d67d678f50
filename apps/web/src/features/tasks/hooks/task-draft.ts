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
}

export type TaskFieldName = "title" | "description" | "priority" | "due_date" | "tags" | "list_id";
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

function dueInputs(dueDate: string | null | undefined): Pick<TaskDraft, "dueDate" | "dueTime"> {
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
  };
}

/** A date alone is an all-day date; with a time, the local moment it names. */
function dueDateInput({ dueDate, dueTime }: TaskDraft): string | null {
  if (!dueDate) return null;
  if (!dueTime) return dueDate;
  // No offset: Date reads it as local time and toISOString adds the Z.
  const moment = new Date(`${dueDate}T${dueTime}`);
  // A year the API refuses may not make a Date; the schema then says what is wrong.
  return Number.isNaN(moment.getTime()) ? `${dueDate}T${dueTime}` : moment.toISOString();
}

/** The draft as the API's writable fields; the contract schemas then validate and normalise it. */
export function draftToInput(draft: TaskDraft, timeZone = browserTimeZone()) {
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
  };
}

type TaskInput = ReturnType<typeof draftToInput>;

/** Which input fields each draft field feeds; a due date travels with the zone it was typed in. */
const INPUT_FIELDS: Record<keyof TaskDraft, (keyof TaskInput)[]> = {
  title: ["title"],
  description: ["description"],
  priority: ["priority"],
  dueDate: ["due_date", "time_zone"],
  dueTime: ["due_date", "time_zone"],
  tags: ["tags"],
  listId: ["list_id"],
};

/** Only the fields the user changed from `task`: an edit sends these and leaves the rest alone. */
export function changedInput(task: Task, draft: TaskDraft, timeZone?: string): Partial<TaskInput> {
  const before = draftFromTask(task);
  const input = draftToInput(draft, timeZone);
  const changed: Partial<TaskInput> = {};
  for (const [field, inputFields] of Object.entries(INPUT_FIELDS)) {
    if (draft[field as keyof TaskDraft] === before[field as keyof TaskDraft]) continue;
    for (const inputField of inputFields)
      Object.assign(changed, { [inputField]: input[inputField] });
  }
  return changed;
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
]);

/** Field errors from the client-side schema check or from the API's 422 (`tags.3`, `/title`…). */
export function toFieldErrors(issues: ZodError["issues"] | FieldError[]): TaskFieldErrors {
  const errors: TaskFieldErrors = {};
  for (const issue of issues) {
    const first = Array.isArray(issue.path)
      ? String(issue.path[0] ?? "")
      : issue.path.replace(/^\//, "").split(/[./[]/)[0];
    const field = (first && FIELD_NAMES.has(first) ? first : "title") as TaskFieldName;
    errors[field] ??= issue.message;
  }
  return errors;
}
