import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { TasksPage } from "@/features/tasks/components/tasks-page";
import { getEnv } from "@/lib/env";
import { signInPath } from "@/lib/next-path";
import { currentUser } from "@/lib/session";

export const metadata: Metadata = { title: "Tasks" };

/** The authoritative session check (proxy.ts only looks for the cookie). */
export default async function Tasks() {
  const user = await currentUser();
  if (!user) redirect(signInPath("/tasks"));
  // Read per request, so one build serves any API address.
  return <TasksPage apiUrl={getEnv().API_URL} user={user} />;
}
