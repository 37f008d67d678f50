import { queryOptions } from "@tanstack/react-query";
import type { Task } from "@todo/contract/task";
import type { ApiClient, Versioned } from "@/lib/api-client";
import { taskKeys } from "./task-keys";
import { tasksPath } from "./tasks-path";

/**
 * One task with its `ETag`. List items carry no ETag (it counts versions the task does not
 * show), so an edit reads the task once to know which version its changes are based on.
 */
export function taskOptions(client: ApiClient, userId: string, id: number) {
  return queryOptions({
    queryKey: taskKeys.detail(userId, id),
    queryFn: ({ signal }): Promise<Versioned<Task>> =>
      client.requestVersioned<Task>("GET", tasksPath(userId, id), { signal }),
  });
}
