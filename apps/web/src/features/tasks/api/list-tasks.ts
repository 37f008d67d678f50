import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useTasksScope } from "../hooks/use-tasks-scope";
import type { TaskFilters } from "./task-filters";
import { taskCountOptions, taskListOptions } from "./task-queries";

export function useTasks(filters: TaskFilters) {
  const { client, userId } = useTasksScope();
  return useInfiniteQuery({
    ...taskListOptions(client, userId, filters),
    // Keeps the old results on screen while a new filter loads, instead of flashing a skeleton.
    placeholderData: keepPreviousData,
  });
}

export function useTaskCount(filters: TaskFilters, enabled: boolean) {
  const { client, userId } = useTasksScope();
  return useQuery({
    ...taskCountOptions(client, userId, filters),
    enabled,
    placeholderData: keepPreviousData,
  });
}
