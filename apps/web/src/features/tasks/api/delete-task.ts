import type { QueryClient } from "@tanstack/react-query";
import { ApiError } from "@/lib/api-client";
import type { TasksScope } from "../hooks/use-tasks-scope";
import { optimisticTaskUpdate } from "./task-cache";
import { useTaskMutation } from "./task-mutation";
import { tasksPath } from "./tasks-path";

interface DeleteTaskRequest {
  id: number;
  /** Set when the page is closing, so the request survives it. */
  keepalive?: boolean;
}

export function useDeleteTask() {
  return useTaskMutation(deleteTask);
}

function deleteTask(queryClient: QueryClient, { client, userId }: TasksScope) {
  return {
    mutationFn: async ({ id, keepalive }: DeleteTaskRequest) => {
      try {
        await client.request<void>("DELETE", tasksPath(userId, id), { keepalive });
      } catch (error) {
        // Already gone (deleted in another tab): the user's intent is met.
        if (!(error instanceof ApiError && error.status === 404)) throw error;
      }
    },
    ...optimisticTaskUpdate(
      queryClient,
      userId,
      ({ id }: DeleteTaskRequest) =>
        (task) =>
          task.id === id ? null : task,
    ),
  };
}
