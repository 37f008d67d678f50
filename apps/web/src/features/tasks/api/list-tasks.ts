import { useDeferredInfiniteQuery, useDeferredQuery } from "@/lib/deferred-queries";
import { useTasksScope } from "../hooks/use-tasks-scope";
import type { TaskFilters } from "./task-filters";
import { taskCountOptions, taskListOptions } from "./task-queries";

/** Keeps the old results on screen while a new filter loads, instead of flashing a skeleton. */
const keepPreviousData = <T>(previous: T | undefined) => previous;

export function useTasks(filters: TaskFilters) {
  const { client, userId } = useTasksScope();
  return useDeferredInfiniteQuery({
    ...taskListOptions(client, userId, filters),
    placeholderData: keepPreviousData,
  });
}

export function useTaskCount(filters: TaskFilters, enabled: boolean) {
  const { client, userId } = useTasksScope();
  return useDeferredQuery({
    ...taskCountOptions(client, userId, filters),
    enabled,
    placeholderData: keepPreviousData,
  });
}
