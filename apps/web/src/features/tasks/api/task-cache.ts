import type { InfiniteData, QueryClient, QueryKey } from "@tanstack/react-query";
import type { TaskList } from "@todo/contract/list-query";
import type { Task } from "@todo/contract/task";
import { listKeys } from "@/lib/lists";
import { taskKeys } from "./task-keys";

type TaskPages = InfiniteData<TaskList, string | undefined>;

/** The cached lists as they were before an optimistic change, to put back if the API refuses. */
type TaskCacheSnapshot = [QueryKey, TaskPages | undefined][];

/**
 * Applies a change to every cached list at once (a task can sit in several filtered lists);
 * `change` returns the new task, or null to drop it.
 */
async function changeCachedTasks(
  queryClient: QueryClient,
  userId: string,
  change: (task: Task) => Task | null,
): Promise<TaskCacheSnapshot> {
  const lists = { queryKey: taskKeys.lists(userId) };
  // A refetch already in flight would land after the optimistic change and undo it.
  await queryClient.cancelQueries(lists);
  const snapshot = queryClient.getQueriesData<TaskPages>(lists);
  queryClient.setQueriesData<TaskPages>(lists, (data) =>
    data
      ? {
          ...data,
          pages: data.pages.map((page) => ({
            ...page,
            items: page.items.flatMap((task) => change(task) ?? []),
          })),
        }
      : data,
  );
  return snapshot;
}

/** The task with this id as a cached list shows it, if any list does. */
export function cachedTask(queryClient: QueryClient, userId: string, id: number): Task | undefined {
  for (const [, data] of queryClient.getQueriesData<TaskPages>({
    queryKey: taskKeys.lists(userId),
  })) {
    for (const page of data?.pages ?? []) {
      const task = page.items.find((item) => item.id === id);
      if (task) return task;
    }
  }
  return undefined;
}

function restoreCachedTasks(queryClient: QueryClient, snapshot: TaskCacheSnapshot): void {
  for (const [queryKey, data] of snapshot) queryClient.setQueryData(queryKey, data);
}

/**
 * After any change to tasks, the `onSettled` of its mutation: refetches the lists, the counts
 * and the lists' open-task counts. A success waits for them; a failure does not, since a server
 * that cannot be reached keeps its refetch retrying (tasks-page.tsx) and the mutation's error
 * must show meanwhile.
 */
export function refreshTasksOnSettled(queryClient: QueryClient, userId: string) {
  return (_data: unknown, error: Error | null): Promise<unknown> | undefined => {
    const refetched = Promise.all([
      queryClient.invalidateQueries({ queryKey: taskKeys.all(userId) }),
      queryClient.invalidateQueries({ queryKey: listKeys.all(userId) }),
    ]);
    return error ? undefined : refetched;
  };
}

/**
 * The lifecycle every optimistic task mutation shares: change the cached lists at once, put
 * them back if the API refuses, and refetch either way so lists and counts match the server.
 */
export function optimisticTaskUpdate<Request>(
  queryClient: QueryClient,
  userId: string,
  changeFor: (request: Request) => (task: Task) => Task | null,
) {
  return {
    onMutate: (request: Request) => changeCachedTasks(queryClient, userId, changeFor(request)),
    onError: (_error: Error, _request: Request, snapshot: TaskCacheSnapshot | undefined) => {
      if (snapshot) restoreCachedTasks(queryClient, snapshot);
    },
    onSettled: refreshTasksOnSettled(queryClient, userId),
  };
}
