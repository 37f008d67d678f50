import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { Task, TaskChanges } from "@todo/contract/task";
import { useTasksScope } from "../hooks/use-tasks-scope";
import { optimisticTaskUpdate } from "./task-cache";
import { tasksPath } from "./tasks-path";

interface UpdateTaskRequest {
  id: number;
  changes: TaskChanges;
}

export function useUpdateTask() {
  const { client, userId } = useTasksScope();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, changes }: UpdateTaskRequest) =>
      client.request<Task>("PUT", tasksPath(userId, id), { body: changes }),
    ...optimisticTaskUpdate(
      queryClient,
      userId,
      ({ id, changes }: UpdateTaskRequest) =>
        (task) =>
          task.id === id ? { ...task, ...changes } : task,
    ),
  });
}
