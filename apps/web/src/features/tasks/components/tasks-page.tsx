"use client";

import {
  type DehydratedState,
  HydrationBoundary,
  QueryClient,
  QueryClientProvider,
} from "@tanstack/react-query";
import { lazy, type ReactNode, Suspense, useState } from "react";
import { Toaster } from "@/components/ui/toaster";
import { ApiError, createApiClient, NetworkError, SessionExpiredError } from "@/lib/api-client";
import { ApiClientContext } from "@/lib/api-client-context";
import { MoveTaskContext } from "@/lib/task-drag";
import type { TaskView } from "@/lib/task-views";
import { useMoveTaskTo } from "../api/move-task";
import { TaskOwnerContext } from "../hooks/use-tasks-scope";
import { SessionEndedNotice } from "./session-ended-notice";
import { TasksBoard } from "./tasks-board";
import { ViewHeading } from "./view-heading";

export interface TasksPageProps {
  /** The API's public origin, passed from the server so the client bundle holds no build-time URL. */
  apiUrl: string;
  user: { id: string; name: string; email: string };
  /** What the server already fetched for this URL (see prefetch-tasks.ts). */
  initialState: DehydratedState;
  view: TaskView;
  /** The views and lists to move between, beside the tasks on wide screens (composed by app/). */
  sidebar: ReactNode;
  /** The same behind a button on narrow screens. */
  drawer: ReactNode;
}

// The account menu brings Radix's dropdown and positioning engine, the heaviest code on the
// page, and is not needed to read or add tasks: it loads just after the page does.
const UserMenu = lazy(() =>
  import("@/components/user-menu").then(({ UserMenu }) => ({ default: UserMenu })),
);

/**
 * Retrying cannot fix a refusal (4xx) or a finished session; one quick retry covers a blip. An
 * unreachable server (down, restarting, no network) is retried until it answers, while the list
 * says so (task-list.tsx) and keeps what it showed.
 */
function shouldRetry(failureCount: number, error: Error): boolean {
  if (error instanceof NetworkError) return true;
  if (error instanceof SessionExpiredError) return false;
  if (error instanceof ApiError && error.status < 500) return false;
  return failureCount < 1;
}

/** 1 s, 2 s, then every 4 s: a restarted server is noticed within seconds of being back. */
const retryDelay = (failureCount: number) => Math.min(1000 * 2 ** failureCount, 4000);

/** Lets the sidebar take tasks dragged from the board (lib/task-drag.ts). */
function TaskDropProvider({ children }: { children: ReactNode }) {
  return <MoveTaskContext value={useMoveTaskTo()}>{children}</MoveTaskContext>;
}

/**
 * The tasks screen with its own query cache, API client and toaster, kept out of the root
 * layout so pages like /sign-in do not ship them.
 */
export function TasksPage({ apiUrl, user, initialState, view, sidebar, drawer }: TasksPageProps) {
  const [queryClient] = useState(
    () =>
      new QueryClient({
        defaultOptions: { queries: { retry: shouldRetry, retryDelay, staleTime: 15_000 } },
      }),
  );
  const [sessionEnded, setSessionEnded] = useState(false);
  // Not straight to sign-in: that would throw away what is being typed (session-ended-notice.tsx).
  const [apiClient] = useState(() =>
    createApiClient({ apiUrl, onSessionExpired: () => setSessionEnded(true) }),
  );

  return (
    <QueryClientProvider client={queryClient}>
      <HydrationBoundary state={initialState}>
        <ApiClientContext value={apiClient}>
          <TaskOwnerContext value={user.id}>
            <TaskDropProvider>
              <div className="mx-auto flex min-h-dvh w-full max-w-5xl flex-col px-4 sm:px-6">
                <header className="flex items-center justify-between gap-4 py-3 sm:py-4">
                  <span className="text-xl font-semibold">Todo</span>
                  <Suspense fallback={<span className="truncate text-sm">{user.name}</span>}>
                    <UserMenu name={user.name} email={user.email} />
                  </Suspense>
                </header>
                <div className="flex flex-col gap-4 md:flex-row md:items-start md:gap-8">
                  <div className="hidden w-56 shrink-0 md:block">{sidebar}</div>
                  {/* The bottom padding lets the last task scroll up clear of a toast. */}
                  <main id="main" className="flex min-w-0 flex-1 flex-col gap-4 pb-32">
                    <div className="-ml-2 flex items-center gap-1 md:ml-0">
                      <div className="md:hidden">{drawer}</div>
                      <ViewHeading view={view} />
                    </div>
                    {sessionEnded ? <SessionEndedNotice /> : null}
                    <TasksBoard view={view} />
                  </main>
                </div>
              </div>
              <Toaster />
            </TaskDropProvider>
          </TaskOwnerContext>
        </ApiClientContext>
      </HydrationBoundary>
    </QueryClientProvider>
  );
}
