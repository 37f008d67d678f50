import { createContext, use } from "react";
import { type ApiClient, useApiClient } from "@/lib/api-client";

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

export function tasksPath(userId: string, id?: number): string {
  const base = `/api/${encodeURIComponent(userId)}/tasks`;
  return id === undefined ? base : `${base}/${id}`;
}
