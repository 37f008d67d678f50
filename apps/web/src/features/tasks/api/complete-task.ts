import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { Task } from "@todo/contract/task";
import { useTasksScope } from "../hooks/use-tasks-scope";
import { optimisticTaskUpdate } from "./task-cache";
import { tasksPath } from "./tasks-path";

interface CompleteTaskRequest {
  id: number;
  completed: boolean;
}

export function useCompleteTask() {
  const { client, userId } = useTasksScope();
  const queryClient = useQueryClient();
  return useMutation({
    // Sets the state the user saw rather than toggling, so a double click cannot undo itself.
    mutationFn: ({ id, completed }: CompleteTaskRequest) =>
      client.request<Task>("PATCH", `${tasksPath(userId, id)}/complete`, { body: { completed } }),
    ...optimisticTaskUpdate(
      queryClient,
      userId,
      ({ id, completed }: CompleteTaskRequest) =>
        (task) =>
          task.id === id ? { ...task, completed } : task,
    ),
  });
}
