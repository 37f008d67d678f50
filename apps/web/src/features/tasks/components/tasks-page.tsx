"use client";

import {
  type DehydratedState,
  HydrationBoundary,
  QueryClient,
  QueryClientProvider,
} from "@tanstack/react-query";
import { lazy, Suspense, useState } from "react";
import { Toaster } from "@/components/ui/toaster";
import { ApiError, createApiClient, SessionExpiredError } from "@/lib/api-client";
import { ApiClientContext } from "@/lib/api-client-context";
import { TaskOwnerContext } from "../hooks/use-tasks-scope";
import { SessionEndedNotice } from "./session-ended-notice";
import { TasksBoard } from "./tasks-board";

export interface TasksPageProps {
  /** The API's public origin, passed from the server so the client bundle holds no build-time URL. */
  apiUrl: string;
  user: { id: string; name: string; email: string };
  /** What the server already fetched for this URL (see prefetch-tasks.ts). */
  initialState: DehydratedState;
}

// The account menu brings Radix's dropdown and positioning engine, the heaviest code on the
// page, and is not needed to read or add tasks: it loads just after the page does.
const UserMenu = lazy(() =>
  import("@/components/user-menu").then(({ UserMenu }) => ({ default: UserMenu })),
);

/** Retrying cannot fix a refusal (4xx) or a finished session; one quick retry covers a blip. */
function shouldRetry(failureCount: number, error: Error): boolean {
  if (error instanceof SessionExpiredError) return false;
  if (error instanceof ApiError && error.status < 500) return false;
  return failureCount < 1;
}

/**
 * The tasks screen with its own query cache, API client and toaster, kept out of the root
 * layout so pages like /sign-in do not ship them.
 */
export function TasksPage({ apiUrl, user, initialState }: TasksPageProps) {
  const [queryClient] = useState(
    () =>
      new QueryClient({ defaultOptions: { queries: { retry: shouldRetry, staleTime: 15_000 } } }),
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
            <div className="mx-auto flex min-h-dvh w-full max-w-3xl flex-col px-4 sm:px-6">
              <header className="flex items-center justify-between gap-4 py-3 sm:py-4">
                <span className="text-xl font-semibold">Todo</span>
                <Suspense fallback={<span className="truncate text-sm">{user.name}</span>}>
                  <UserMenu name={user.name} email={user.email} />
                </Suspense>
              </header>
              {/* The bottom padding lets the last task scroll up clear of a toast. */}
              <main id="main" className="flex flex-col gap-4 pb-32">
                <h1 className="text-2xl font-bold tracking-tight">Tasks</h1>
                {sessionEnded ? <SessionEndedNotice /> : null}
                <TasksBoard />
              </main>
            </div>
            <Toaster />
          </TaskOwnerContext>
        </ApiClientContext>
      </HydrationBoundary>
    </QueryClientProvider>
  );
}
