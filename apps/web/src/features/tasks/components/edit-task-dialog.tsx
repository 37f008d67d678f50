"use client";

import type { Task } from "@todo/contract/task";
import { useRef } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { showToast } from "@/components/ui/toaster";
import { useUpdateTask } from "../api/update-task";
import { useTaskForm } from "../hooks/use-task-form";
import { draftFromTask, TaskDetailFields } from "./task-fields";

interface EditTaskDialogProps {
  task: Task;
  onClose: () => void;
}

/**
 * Every field of a task. The list behind updates at once; the dialog stays open until the
 * API accepts, so a refusal (422) is shown on the field it concerns and nothing typed is lost.
 */
export function EditTaskDialog({ task, onClose }: EditTaskDialogProps) {
  const updateTask = useUpdateTask();
  const titleRef = useRef<HTMLInputElement>(null);
  const form = useTaskForm({
    initial: draftFromTask(task),
    loadSchema: () => import("@todo/contract/task").then((contract) => contract.updateTaskSchema),
    submit: (changes) => updateTask.mutateAsync({ id: task.id, changes }),
    onSuccess: () => {
      showToast("success", "Task saved");
      onClose();
    },
  });

  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent
        title="Edit task"
        // Start on the title rather than the close button, the first focusable element.
        onOpenAutoFocus={(event) => {
          event.preventDefault();
          titleRef.current?.focus();
        }}
      >
        <form noValidate onSubmit={form.handleSubmit} className="flex flex-col gap-4">
          <FormField label="Title" error={form.errors.title}>
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
          <TaskDetailFields draft={form.draft} errors={form.errors} onChange={form.change} />
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
