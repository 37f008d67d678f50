import type { QueryClient } from "@tanstack/react-query";
import type { Task } from "@todo/contract/task";
import type { TasksScope } from "../hooks/use-tasks-scope";
import { taskOptions } from "./get-task";
import { optimisticTaskUpdate } from "./task-cache";
import { useTaskMutation } from "./task-mutation";
import { tasksPath } from "./tasks-path";

interface RestoreOccurrenceRequest {
  /** The task as it was before it was completed. */
  before: Task;
  /** The version the completion produced: anything changed since then is not overwritten. */
  etag: string | null;
}

/**
 * Undoes the completion of a recurring task: its previous due date and rule (COUNT before it
 * counted down) go back, with `If-Match` on the completion's version, so an edit made since
 * (another tab, another device) makes the undo fail (412) instead of being lost.
 */
export function useRestoreOccurrence() {
  return useTaskMutation(restoreOccurrence);
}

function restoreOccurrence(queryClient: QueryClient, { client, userId }: TasksScope) {
  return {
    mutationFn: async ({ before, etag }: RestoreOccurrenceRequest) => {
      const saved = await client.requestVersioned<Task>("PUT", tasksPath(userId, before.id), {
        body: { due_date: before.due_date, recurrence: before.recurrence },
        ...(etag ? { ifMatch: etag } : {}),
      });
      queryClient.setQueryData(taskOptions(client, userId, before.id).queryKey, saved);
      return saved.data;
    },
    ...optimisticTaskUpdate(
      queryClient,
      userId,
      ({ before }: RestoreOccurrenceRequest) =>
        (task) =>
          task.id === before.id
            ? { ...task, due_date: before.due_date, recurrence: before.recurrence }
            : task,
    ),
  };
}
