import { createContext, use } from "react";
import type { ApiClient } from "@/lib/api-client";
import { useApiClient } from "@/lib/api-client-context";

/** The signed-in user's id: every task path is `/api/{user_id}/tasks`. */
export const TaskOwnerContext = createContext<string | null>(null);

export interface TasksScope {
  client: ApiClient;
  userId: string;
}

export function useTasksScope(): TasksScope {
  const client = useApiClient();
  const userId = use(TaskOwnerContext);
  if (!userId) throw new Error("useTasksScope needs a TaskOwnerContext provider above it");
  return { client, userId };
}
