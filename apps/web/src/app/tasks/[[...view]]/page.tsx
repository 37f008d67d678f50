import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { VerifyEmailBanner } from "@/features/auth/components/verify-email-banner";
import { ListsDrawer, ListsSidebar } from "@/features/lists/components/lists-sidebar";
import { NotificationBell } from "@/features/notifications/components/notification-bell";
import { prefetchTasks } from "@/features/tasks/api/prefetch-tasks";
import { parseFilters } from "@/features/tasks/api/task-filters";
import { viewFilters } from "@/features/tasks/api/view-filters";
import { TasksPage } from "@/features/tasks/components/tasks-page";
import { getEnv } from "@/lib/env";
import { authPagePath } from "@/lib/next-path";
import { currentUser } from "@/lib/session";
import { parseViewSegments, viewPath } from "@/lib/task-views";

export const metadata: Metadata = { title: "Tasks" };

type SearchParams = Record<string, string | string[] | undefined>;

function toUrlSearchParams(searchParams: SearchParams): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, values] of Object.entries(searchParams)) {
    for (const value of [values ?? []].flat()) params.append(key, value);
  }
  return params;
}

/** Every view of the tasks (/tasks, /tasks/today, /tasks/lists/7…); see lib/task-views.ts. */
export default async function Tasks({
  params,
  searchParams,
}: {
  params: Promise<{ view?: string[] }>;
  searchParams: Promise<SearchParams>;
}) {
  const view = parseViewSegments((await params).view);
  if (!view) notFound();
  const user = await currentUser();
  if (!user) redirect(authPagePath("/sign-in", viewPath(view)));
  const search = toUrlSearchParams(await searchParams);
  // Today and Upcoming count from the browser's midnight, which the server cannot know: the
  // browser fetches them itself.
  const datedView = view.kind === "today" || view.kind === "upcoming";
  const filters = datedView
    ? null
    : viewFilters(view, parseFilters(search), { now: new Date(), sortChosen: search.has("sort") });
  const initialState = await prefetchTasks(user.id, filters, await headers());
  return (
    <>
      {user.emailVerified ? null : <VerifyEmailBanner email={user.email} />}
      {/* The API address is read per request, so one build serves any API address. */}
      <TasksPage
        apiUrl={getEnv().API_URL}
        user={user}
        initialState={initialState}
        view={view}
        sidebar={<ListsSidebar userId={user.id} />}
        drawer={<ListsDrawer userId={user.id} />}
        bell={<NotificationBell userId={user.id} />}
      />
    </>
  );
}
