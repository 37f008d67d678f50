import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { CreateTaskInput, Task } from "@todo/contract/task";
import { useTasksScope } from "../hooks/use-tasks-scope";
import { refreshTasksOnSettled } from "./task-cache";
import { tasksPath } from "./tasks-path";

/** Not optimistic: the new task's place in a sorted, filtered list is only known once it has an id. */
export function useCreateTask() {
  const { client, userId } = useTasksScope();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateTaskInput) =>
      client.request<Task>("POST", tasksPath(userId), { body: input }),
    onSettled: refreshTasksOnSettled(queryClient, userId),
  });
}
