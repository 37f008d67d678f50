import type { MutationOptions, QueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { useDeferredMutation } from "@/lib/deferred-queries";
import { type TasksScope, useTasksScope } from "../hooks/use-tasks-scope";

/**
 * A task mutation's `mutateAsync` on the tasks page, whose TanStack Query loads after it
 * (ADR 0051). `options` is a module-level function, so the result keeps its identity.
 */
export function useTaskMutation<TData, TVariables, TOnMutateResult>(
  options: (
    queryClient: QueryClient,
    scope: TasksScope,
  ) => MutationOptions<TData, Error, TVariables, TOnMutateResult>,
): (variables: TVariables) => Promise<TData> {
  const { client, userId } = useTasksScope();
  return useDeferredMutation(
    useCallback(
      (queryClient: QueryClient) => options(queryClient, { client, userId }),
      [options, client, userId],
    ),
  );
}
