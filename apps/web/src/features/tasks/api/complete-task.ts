import type { QueryClient } from "@tanstack/react-query";
import type { Task } from "@todo/contract/task";
import { useState } from "react";
import type { TasksScope } from "../hooks/use-tasks-scope";
import { optimisticTaskUpdate } from "./task-cache";
import { useTaskMutation } from "./task-mutation";
import { tasksPath } from "./tasks-path";

interface CompleteTaskRequest {
  id: number;
  completed: boolean;
}

/**
 * Resolves to the task after the change with its version: a recurring task completed with an
 * occurrence left comes back open at its next due date, and the version lets that be undone.
 */
export function useCompleteTask() {
  return useTaskMutation(completeTask);
}

function completeTask(queryClient: QueryClient, { client, userId }: TasksScope) {
  return {
    // Sets the state the user saw rather than toggling, so a double click cannot undo itself.
    mutationFn: ({ id, completed }: CompleteTaskRequest) =>
      client.requestVersioned<Task>("PATCH", `${tasksPath(userId, id)}/complete`, {
        body: { completed },
      }),
    ...optimisticTaskUpdate(
      queryClient,
      userId,
      ({ id, completed }: CompleteTaskRequest) =>
        (task) => {
          if (task.id !== id) return task;
          // A recurring task usually stays open (at a date only the server works out).
          return completed && task.recurrence ? task : { ...task, completed };
        },
    ),
  };
}

/**
 * A checkbox's side of the same optimistic change: the box flips within the click itself,
 * since the cache's update above only lands after in-flight refetches are cancelled, a beat
 * later (and a controlled checkbox would flip back meanwhile). `toggle` settles either way.
 */
export function useCompletedCheckbox(
  task: Task,
  toggle: (task: Task, completed: boolean) => Promise<void>,
) {
  const [pending, setPending] = useState<boolean | null>(null);
  const checked = pending ?? task.completed;
  function onChange() {
    setPending(!checked);
    void toggle(task, !checked).finally(() => setPending(null));
  }
  return { checked, onChange };
}
