"use client";

import { useQueryClient } from "@tanstack/react-query";
import { TITLE_MAX } from "@todo/contract/limits";
import type { Task } from "@todo/contract/task";
import { Fragment, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { showToast } from "@/components/ui/toaster";
import { SessionExpiredError } from "@/lib/api-client";
import { formatDueDate } from "@/lib/due-label";
import { type EditableField, EditConflictError } from "../api/edit-conflicts";
import { taskOptions } from "../api/get-task";
import { PRIORITY_LABELS } from "../api/task-filters";
import { useUpdateTask } from "../api/update-task";
import { changedInput, dueUnchanged } from "../hooks/edit-draft";
import { draftFromTask, type TaskDraft } from "../hooks/task-draft";
import { pathEditing } from "../hooks/use-requested-edit";
import { useSavedDraft } from "../hooks/use-saved-draft";
import { useTaskForm } from "../hooks/use-task-form";
import { useTasksScope } from "../hooks/use-tasks-scope";
import { describeReminders } from "../quick-add/reminders";
import { describeRecurrence } from "../recurrence/describe-recurrence";
import { characterCount } from "./character-count";
import { SessionEndedNotice } from "./session-ended-notice";
import { TaskDetailFields } from "./task-fields";

const FIELD_LABELS: Record<EditableField, string> = {
  title: "Title",
  description: "Description",
  completed: "Status",
  priority: "Priority",
  due_date: "Due date",
  time_zone: "Time zone",
  tags: "Tags",
  list_id: "List",
  recurrence: "Repeat",
  recurrence_from: "Repeat from",
  reminders: "Reminders",
};

/** A field's value as the conflict message shows it. */
function describeValue(field: EditableField, task: Task): string {
  switch (field) {
    case "title":
      return task.title;
    case "description":
      return task.description ?? "No description";
    case "completed":
      return task.completed ? "Completed" : "Active";
    case "priority":
      return PRIORITY_LABELS[task.priority];
    case "due_date":
      return task.due_date ? formatDueDate(task.due_date) : "No due date";
    case "time_zone":
      return task.time_zone;
    case "tags":
      return task.tags.length > 0 ? task.tags.map((tag) => `#${tag}`).join(" ") : "No tags";
    case "list_id":
      return task.list_id === null ? "Inbox" : `List ${task.list_id}`;
    case "recurrence":
      return task.recurrence
        ? describeRecurrence(task.recurrence, task.time_zone)
        : "Does not repeat";
    case "recurrence_from":
      return task.recurrence_from === "due" ? "The due date" : "Completion";
    case "reminders":
      return task.reminders.length > 0 ? describeReminders(task.reminders) : "No reminders";
  }
}

/** An edit kept across signing in again: the draft and the version its changes are measured from. */
interface SavedEdit {
  base: Task;
  draft: TaskDraft;
}

interface EditTaskDialogProps {
  task: Task;
  onClose: () => void;
}

/**
 * Every field of a task. The list behind updates at once; the dialog stays open until the
 * API accepts, so a refusal (422) is shown on the field it concerns and nothing typed is lost.
 * Only the changed fields are sent, on top of the version read when the dialog opened; when
 * another tab or device changed the same fields meanwhile, the dialog shows their values and
 * lets the user apply their own changes on top or discard them. When the session has ended, the
 * dialog says so and keeps the edit in the tab's storage until it is saved or cancelled; signing
 * in again reopens it (`?edit=<id>`).
 */
export function EditTaskDialog({ task, onClose }: EditTaskDialogProps) {
  const { client, userId } = useTasksScope();
  const queryClient = useQueryClient();
  const updateTask = useUpdateTask();
  const titleRef = useRef<HTMLInputElement>(null);
  /** What the user's changes are measured from: the task as opened, or as reloaded on discard. */
  const [base, setBase] = useState(task);
  /** The version whose values the user has seen; a change made elsewhere after it conflicts. */
  const seen = useRef(task);
  const [conflict, setConflict] = useState<EditConflictError | null>(null);
  const [sessionEnded, setSessionEnded] = useState(false);

  useEffect(() => {
    // The version (ETag) that the save will be based on, read while the user types.
    void queryClient.prefetchQuery(taskOptions(client, userId, task.id));
  }, [queryClient, client, userId, task.id]);

  const form = useTaskForm({
    initial: draftFromTask(task),
    loadSchema: () => import("@todo/contract/task").then((contract) => contract.updateTaskSchema),
    toInput: (draft) => {
      const changes = changedInput(base, draft);
      return Object.keys(changes).length > 0 ? changes : null;
    },
    submit: (changes) => updateTask({ seen: seen.current, changes }),
    onSuccess: () => {
      discardSavedEdit();
      showToast("success", "Task saved");
      onClose();
    },
    onFailure: (error) => {
      if (error instanceof SessionExpiredError) {
        setSessionEnded(true);
        return true;
      }
      if (!(error instanceof EditConflictError)) return false;
      // Once shown, the current values are what the user decides against.
      seen.current = error.current;
      setConflict(error);
      return true;
    },
  });

  const { setDraft } = form;
  const edit = useMemo(() => ({ base, draft: form.draft }), [base, form.draft]);
  const unchanged = useMemo(() => ({ base, draft: draftFromTask(base) }), [base]);
  const restoreEdit = useCallback(
    (saved: SavedEdit) => {
      // Measured from the version first opened: a change made elsewhere since then conflicts.
      seen.current = saved.base;
      setBase(saved.base);
      // A draft saved by an older version of the form lacks the newer fields: the base fills them.
      setDraft({ ...draftFromTask(saved.base), ...saved.draft });
    },
    [setDraft],
  );
  const discardSavedEdit = useSavedDraft<SavedEdit>(
    `todo:edit-task-draft:${userId}:${task.id}`,
    edit,
    unchanged,
    restoreEdit,
  );

  function close() {
    discardSavedEdit();
    onClose();
  }

  function discardMine(current: Task) {
    seen.current = current;
    setBase(current);
    form.setDraft(draftFromTask(current));
    setConflict(null);
  }

  return (
    <Dialog open onOpenChange={(open) => !open && close()}>
      <DialogContent
        title="Edit task"
        // Start on the title rather than the close button, the first focusable element.
        onOpenAutoFocus={(event) => {
          event.preventDefault();
          titleRef.current?.focus();
        }}
      >
        <form noValidate onSubmit={form.handleSubmit} className="flex flex-col gap-4">
          <FormField
            label="Title"
            hint={characterCount(form.draft.title, TITLE_MAX)}
            error={form.errors.title}
          >
            {(control) => (
              <Input
                {...control}
                ref={titleRef}
                value={form.draft.title}
                autoComplete="off"
                onChange={(event) => form.change({ title: event.target.value })}
              />
            )}
          </FormField>
          <TaskDetailFields
            draft={form.draft}
            errors={form.errors}
            onChange={form.change}
            // A due date left as it was keeps its zone; one typed anew is in the browser's.
            timeZone={dueUnchanged(base, form.draft) ? base.time_zone : undefined}
          />
          {conflict ? (
            <Alert title="This task was changed elsewhere">
              <p>Your changes are still in the form. Saved meanwhile:</p>
              <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-foreground">
                {conflict.fields.map((field) => (
                  <Fragment key={field}>
                    <dt className="font-medium">{FIELD_LABELS[field]}</dt>
                    <dd className="break-words">{describeValue(field, conflict.current)}</dd>
                  </Fragment>
                ))}
              </dl>
              <div className="mt-3 flex flex-wrap gap-2">
                <Button size="sm" disabled={form.submitting} onClick={() => void form.save()}>
                  Apply my changes
                </Button>
                <Button size="sm" variant="secondary" onClick={() => discardMine(conflict.current)}>
                  Discard my changes
                </Button>
              </div>
            </Alert>
          ) : null}
          {sessionEnded ? <SessionEndedNotice next={pathEditing(task.id)} /> : null}
          {form.formError ? <Alert title="Couldn't save the task">{form.formError}</Alert> : null}
          <div className="flex justify-end gap-2">
            <DialogClose asChild>
              <Button variant="secondary">Cancel</Button>
            </DialogClose>
            <Button type="submit" disabled={form.submitting}>
              {form.submitting ? "Saving…" : "Save"}
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}
