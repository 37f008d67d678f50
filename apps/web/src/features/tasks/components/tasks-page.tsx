"use client";

import type { DehydratedState } from "@tanstack/react-query";
import { lazy, type ReactNode, Suspense, useState } from "react";
import { DeferredApiProviders } from "@/components/deferred-api-providers";
import { Toaster } from "@/components/ui/toaster";
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
  /** The notifications bell, beside the account menu. */
  bell: ReactNode;
}

// The account menu brings Radix's dropdown and positioning engine, the heaviest code on the
// page, and is not needed to read or add tasks: it loads just after the page does.
const UserMenu = lazy(() =>
  import("@/components/user-menu").then(({ UserMenu }) => ({ default: UserMenu })),
);

/** Lets the sidebar take tasks dragged from the board (lib/task-drag.ts). */
function TaskDropProvider({ children }: { children: ReactNode }) {
  return <MoveTaskContext value={useMoveTaskTo()}>{children}</MoveTaskContext>;
}

/**
 * The tasks screen with its own query cache, API client and toaster, kept out of the root
 * layout so pages like /sign-in do not ship them. It renders from the server's data, and is live
 * once TanStack Query has loaded after it (ADR 0051).
 */
export function TasksPage({
  apiUrl,
  user,
  initialState,
  view,
  sidebar,
  drawer,
  bell,
}: TasksPageProps) {
  const [sessionEnded, setSessionEnded] = useState(false);

  return (
    // Not straight to sign-in: that would throw away what is being typed (session-ended-notice.tsx).
    <DeferredApiProviders
      apiUrl={apiUrl}
      onSessionExpired={() => setSessionEnded(true)}
      staleTime={15_000}
      initialState={initialState}
    >
      <TaskOwnerContext value={user.id}>
        <TaskDropProvider>
          <div className="mx-auto flex min-h-dvh w-full max-w-5xl flex-col px-4 sm:px-6">
            <header className="flex items-center justify-between gap-4 py-3 sm:py-4">
              <span className="text-xl font-semibold">Todo</span>
              <div className="flex min-w-0 items-center gap-2">
                {bell}
                <Suspense fallback={<span className="truncate text-sm">{user.name}</span>}>
                  <UserMenu userId={user.id} name={user.name} email={user.email} />
                </Suspense>
              </div>
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
    </DeferredApiProviders>
  );
}
