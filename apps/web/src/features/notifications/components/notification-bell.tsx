"use client";

import { lazy, Suspense } from "react";
import { Button } from "@/components/ui/button";
import { LineIcon } from "@/components/ui/line-icon";
import { useQueryEngine } from "@/lib/deferred-queries";
import { BELL_ICON } from "./bell-icon";

// The bell (its poll, arrival alerts and unread count, read by the browser) needs TanStack Query,
// which /tasks loads after its first load (ADR 0051), and then its own chunk; until both are in,
// a disabled button of the same size stands in its place.
const BellButton = lazy(() =>
  import("./bell-button").then(({ BellButton }) => ({ default: BellButton })),
);

/** The header's bell: the unread count, the list behind it, and alerts for new arrivals. */
export function NotificationBell({ userId }: { userId: string }) {
  // The same size, so the header does not shift (Lighthouse measured 0.056 without it).
  const standIn = (
    <Button variant="ghost" size="icon" aria-label="Notifications" disabled>
      <LineIcon path={BELL_ICON} />
    </Button>
  );
  return useQueryEngine() ? (
    <Suspense fallback={standIn}>
      <BellButton userId={userId} />
    </Suspense>
  ) : (
    standIn
  );
}
