import type { QueryClient } from "@tanstack/react-query";
import type { CreateTaskInput, Task } from "@todo/contract/task";
import type { TasksScope } from "../hooks/use-tasks-scope";
import { refreshTasksOnSettled } from "./task-cache";
import { useTaskMutation } from "./task-mutation";
import { tasksPath } from "./tasks-path";

/** Not optimistic: the new task's place in a sorted, filtered list is only known once it has an id. */
export function useCreateTask() {
  return useTaskMutation(createTask);
}

function createTask(queryClient: QueryClient, { client, userId }: TasksScope) {
  return {
    mutationFn: (input: CreateTaskInput) =>
      client.request<Task>("POST", tasksPath(userId), { body: input }),
    onSettled: refreshTasksOnSettled(queryClient, userId),
  };
}
