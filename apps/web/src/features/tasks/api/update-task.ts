import type { QueryClient } from "@tanstack/react-query";
import type { Task, TaskChanges } from "@todo/contract/task";
import { ApiError } from "@/lib/api-client";
import type { TasksScope } from "../hooks/use-tasks-scope";
import { conflictingFields, EditConflictError } from "./edit-conflicts";
import { taskOptions } from "./get-task";
import { optimisticTaskUpdate } from "./task-cache";
import { useTaskMutation } from "./task-mutation";
import { tasksPath } from "./tasks-path";

interface UpdateTaskRequest {
  /** The task as the user last saw it: the edit's changes are relative to it. */
  seen: Task;
  /** Only the fields the user changed. */
  changes: TaskChanges;
}

/** Tries before giving up on a task that keeps changing between reading and saving it. */
const SAVE_ATTEMPTS = 3;

/**
 * Saves only the changed fields, with `If-Match` on the version they were checked against. A
 * 412 means the task moved on: it is read again, and the changes go on top if nobody else
 * changed the same fields; otherwise the edit fails with an `EditConflictError`.
 */
export function useUpdateTask() {
  return useTaskMutation(updateTask);
}

function updateTask(queryClient: QueryClient, { client, userId }: TasksScope) {
  return {
    mutationFn: async ({ seen, changes }: UpdateTaskRequest) => {
      const options = taskOptions(client, userId, seen.id);
      for (let attempt = 1; ; attempt++) {
        // First the version read when the dialog opened; after a 412, the task as it is now.
        const current = await queryClient.fetchQuery({
          ...options,
          staleTime: attempt === 1 ? Number.POSITIVE_INFINITY : 0,
        });
        const conflicts = conflictingFields(seen, current.data, changes);
        if (conflicts.length > 0) throw new EditConflictError(current.data, conflicts);
        try {
          const saved = await client.requestVersioned<Task>("PUT", tasksPath(userId, seen.id), {
            body: changes,
            ifMatch: current.etag ?? undefined,
          });
          queryClient.setQueryData(options.queryKey, saved);
          return saved.data;
        } catch (error) {
          const stale = error instanceof ApiError && error.status === 412;
          if (!stale || attempt === SAVE_ATTEMPTS) throw error;
        }
      }
    },
    ...optimisticTaskUpdate(
      queryClient,
      userId,
      ({ seen, changes }: UpdateTaskRequest) =>
        (task) =>
          task.id === seen.id ? { ...task, ...changes } : task,
    ),
  };
}
