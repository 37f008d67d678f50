import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { VerifyEmailBanner } from "@/features/auth/components/verify-email-banner";
import { prefetchTasks } from "@/features/tasks/api/prefetch-tasks";
import { parseFilters } from "@/features/tasks/api/task-filters";
import { TasksPage } from "@/features/tasks/components/tasks-page";
import { getEnv } from "@/lib/env";
import { authPagePath } from "@/lib/next-path";
import { currentUser } from "@/lib/session";

export const metadata: Metadata = { title: "Tasks" };

type SearchParams = Record<string, string | string[] | undefined>;

function toUrlSearchParams(searchParams: SearchParams): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, values] of Object.entries(searchParams)) {
    for (const value of [values ?? []].flat()) params.append(key, value);
  }
  return params;
}

/** The authoritative session check (proxy.ts only looks for the cookie). */
export default async function Tasks({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await currentUser();
  if (!user) redirect(authPagePath("/sign-in", "/tasks"));
  const filters = parseFilters(toUrlSearchParams(await searchParams));
  const initialState = await prefetchTasks(user.id, filters, await headers());
  return (
    <>
      {user.emailVerified ? null : <VerifyEmailBanner email={user.email} />}
      {/* The API address is read per request, so one build serves any API address. */}
      <TasksPage apiUrl={getEnv().API_URL} user={user} initialState={initialState} />
    </>
  );
}
