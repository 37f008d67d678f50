"use client";

import { DESCRIPTION_MAX, TAGS_MAX } from "@todo/contract/limits";
import type { Priority } from "@todo/contract/task";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { useLists } from "@/lib/use-lists";
import { PRIORITY_LABELS } from "../api/task-filters";
import { browserTimeZone, type TaskDraft, type TaskFieldErrors } from "../hooks/task-draft";
import { useTasksScope } from "../hooks/use-tasks-scope";
import { RepeatField } from "../recurrence/repeat-field";
import { characterCount, tagCount } from "./character-count";
import { LabelOptions } from "./label-options";
import { RemindersEditor } from "./reminders-editor";

interface TaskFieldsProps {
  draft: TaskDraft;
  errors: TaskFieldErrors;
  onChange: (changes: Partial<TaskDraft>) => void;
  disabled?: boolean;
  /** The zone the task's repeat is understood in: the task's own, or the browser's for a new one. */
  timeZone?: string;
}

/** The optional fields of a task; the title field sits with each form's own layout. */
export function TaskDetailFields({
  draft,
  errors,
  onChange,
  disabled,
  timeZone = browserTimeZone(),
}: TaskFieldsProps) {
  const lists = useLists(useTasksScope().userId);
  // A task's list may not have loaded yet (or be gone): keep its id selectable meanwhile.
  const unknownList = draft.listId && !lists.some(({ id }) => String(id) === draft.listId);
  return (
    <>
      <FormField
        label="Description"
        hint={characterCount(draft.description, DESCRIPTION_MAX)}
        error={errors.description}
      >
        {(control) => (
          <Textarea
            {...control}
            value={draft.description}
            disabled={disabled}
            onChange={(event) => onChange({ description: event.target.value })}
          />
        )}
      </FormField>
      <div className="grid gap-4 sm:grid-cols-3">
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
              type="date"
              name="due_date"
              value={draft.dueDate}
              disabled={disabled}
              onChange={(event) => onChange({ dueDate: event.target.value })}
            />
          )}
        </FormField>
        <FormField label="Due time" hint="Empty for all day.">
          {(control) => (
            <Input
              {...control}
              type="time"
              name="due_date"
              value={draft.dueTime}
              disabled={disabled}
              onChange={(event) => onChange({ dueTime: event.target.value })}
            />
          )}
        </FormField>
      </div>
      <RepeatField
        draft={draft}
        errors={errors}
        onChange={onChange}
        timeZone={timeZone}
        disabled={disabled}
      />
      <RemindersEditor
        reminders={draft.reminders}
        onChange={(reminders) => onChange({ reminders })}
        scheduled={draft.dueDate !== ""}
        error={errors.reminders}
        disabled={disabled}
      />
      <FormField label="List" error={errors.list_id}>
        {(control) => (
          <Select
            {...control}
            value={draft.listId}
            disabled={disabled}
            onChange={(event) => onChange({ listId: event.target.value })}
          >
            <option value="">Inbox</option>
            {lists.map((list) => (
              <option key={list.id} value={String(list.id)}>
                {list.name}
              </option>
            ))}
            {unknownList ? <option value={draft.listId}>List {draft.listId}</option> : null}
          </Select>
        )}
      </FormField>
      <FormField
        label="Tags"
        hint={["Separate with commas.", tagCount(draft.tags, TAGS_MAX)].filter(Boolean).join(" ")}
        error={errors.tags}
      >
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
