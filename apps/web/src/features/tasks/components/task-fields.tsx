"use client";

import type { FieldError } from "@todo/contract/problem";
import type { Priority, Task } from "@todo/contract/task";
import type { ZodError } from "zod";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { PRIORITY_LABELS } from "../api/task-filters";

/** What the form holds: strings as typed, turned into the contract's input on submit. */
export interface TaskDraft {
  title: string;
  description: string;
  priority: Priority;
  /** `datetime-local` value, in the browser's time zone. */
  due: string;
  /** Comma-separated. */
  tags: string;
}

export type TaskFieldName = "title" | "description" | "priority" | "due_date" | "tags";
export type TaskFieldErrors = Partial<Record<TaskFieldName, string>>;

/** ISO instant → `YYYY-MM-DDTHH:mm` in local time, the only format `datetime-local` accepts. */
function toLocalInput(iso: string): string {
  const date = new Date(iso);
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

export function draftFromTask(task?: Task): TaskDraft {
  return {
    title: task?.title ?? "",
    description: task?.description ?? "",
    priority: task?.priority ?? "medium",
    due: task?.due_date ? toLocalInput(task.due_date) : "",
    tags: task?.tags.join(", ") ?? "",
  };
}

/** The draft as the API's writable fields; the contract schemas then validate and normalise it. */
export function draftToInput(draft: TaskDraft) {
  return {
    title: draft.title,
    description: draft.description.trim() === "" ? null : draft.description,
    priority: draft.priority,
    // `datetime-local` has no offset; Date reads it as local time and toISOString adds the Z.
    due_date: draft.due ? new Date(draft.due).toISOString() : null,
    tags: draft.tags
      .split(",")
      .map((tag) => tag.trim())
      .filter(Boolean),
  };
}

/** The `<option>`s of a select over one of the label maps. */
export function LabelOptions({ labels }: { labels: Record<string, string> }) {
  return Object.entries(labels).map(([value, label]) => (
    <option key={value} value={value}>
      {label}
    </option>
  ));
}

const FIELD_NAMES = new Set<string>(["title", "description", "priority", "due_date", "tags"]);

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

interface TaskFieldsProps {
  draft: TaskDraft;
  errors: TaskFieldErrors;
  onChange: (changes: Partial<TaskDraft>) => void;
  disabled?: boolean;
}

/** The optional fields of a task; the title field sits with each form's own layout. */
export function TaskDetailFields({ draft, errors, onChange, disabled }: TaskFieldsProps) {
  return (
    <>
      <FormField label="Description" error={errors.description}>
        {(control) => (
          <Textarea
            {...control}
            value={draft.description}
            disabled={disabled}
            onChange={(event) => onChange({ description: event.target.value })}
          />
        )}
      </FormField>
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField label="Priority" error={errors.priority}>
          {(control) => (
            <Select
              {...control}
              value={draft.priority}
              disabled={disabled}
              onChange={(event) => onChange({ priority: event.target.value as Priority })}
            >
              <LabelOptions labels={PRIORITY_LABELS} />
            </Select>
          )}
        </FormField>
        <FormField label="Due date" error={errors.due_date}>
          {(control) => (
            <Input
              {...control}
              type="datetime-local"
              value={draft.due}
              disabled={disabled}
              onChange={(event) => onChange({ due: event.target.value })}
            />
          )}
        </FormField>
      </div>
      <FormField label="Tags" hint="Separate with commas." error={errors.tags}>
        {(control) => (
          <Input
            {...control}
            value={draft.tags}
            disabled={disabled}
            placeholder="home, errands"
            onChange={(event) => onChange({ tags: event.target.value })}
          />
        )}
      </FormField>
    </>
  );
}
