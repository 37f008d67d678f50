"use client";

import { useId, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { showToast } from "@/components/ui/toaster";
import { useCreateTask } from "../api/create-task";
import { useSavedDraft } from "../hooks/use-saved-draft";
import { useTaskForm } from "../hooks/use-task-form";
import { useTasksScope } from "../hooks/use-tasks-scope";
import { draftFromTask, TaskDetailFields } from "./task-fields";

const EMPTY_DRAFT = draftFromTask();

/** A title and "Add"; the other fields fold away so the common case stays one line. */
export function AddTaskForm() {
  const createTask = useCreateTask();
  const { userId } = useTasksScope();
  const [expanded, setExpanded] = useState(false);
  const titleRef = useRef<HTMLInputElement>(null);
  const id = useId();
  const form = useTaskForm({
    initial: EMPTY_DRAFT,
    loadSchema: () => import("@todo/contract/task").then((contract) => contract.createTaskSchema),
    submit: createTask.mutateAsync,
    onSuccess: (submitted) => {
      // Clear only what was saved: text typed while the request ran is kept.
      form.setDraft((current) => (current === submitted ? EMPTY_DRAFT : current));
      setExpanded(false);
      showToast("success", "Task added");
      titleRef.current?.focus();
    },
  });
  // Survives the trip to sign-in and back when the session ends (see session-ended-notice.tsx).
  useSavedDraft(`todo:new-task-draft:${userId}`, form.draft, EMPTY_DRAFT, form.setDraft);
  const titleErrorId = `${id}-title-error`;
  // A refused detail field must be visible, or its error could not be read or fixed.
  const showDetails = expanded || Object.keys(form.errors).some((field) => field !== "title");

  return (
    <form
      aria-label="Add a task"
      noValidate
      onSubmit={form.handleSubmit}
      className="flex flex-col gap-3 rounded-lg border border-border bg-surface p-4"
    >
      <Label htmlFor={`${id}-title`}>New task</Label>
      <div className="flex gap-2">
        <Input
          ref={titleRef}
          id={`${id}-title`}
          value={form.draft.title}
          placeholder="What needs doing?"
          autoComplete="off"
          aria-invalid={Boolean(form.errors.title)}
          aria-describedby={form.errors.title ? titleErrorId : undefined}
          onChange={(event) => form.change({ title: event.target.value })}
        />
        <Button type="submit" disabled={form.submitting}>
          {form.submitting ? "Adding…" : "Add"}
        </Button>
      </div>
      {form.errors.title ? (
        <p id={titleErrorId} className="text-sm text-danger">
          {form.errors.title}
        </p>
      ) : null}
      <button
        type="button"
        aria-expanded={showDetails}
        aria-controls={`${id}-details`}
        onClick={() => setExpanded((open) => !open)}
        className="self-start rounded-sm text-sm font-medium text-primary hover:underline focus-visible:outline-2 focus-visible:outline-ring"
      >
        {showDetails ? "Fewer options" : "More options"}
      </button>
      <div id={`${id}-details`} hidden={!showDetails} className="flex flex-col gap-4">
        <TaskDetailFields draft={form.draft} errors={form.errors} onChange={form.change} />
      </div>
      {form.formError ? <Alert title="Couldn't add the task">{form.formError}</Alert> : null}
    </form>
  );
}
