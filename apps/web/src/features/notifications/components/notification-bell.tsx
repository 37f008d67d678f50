"use client";

import { lazy, Suspense } from "react";
import { Button } from "@/components/ui/button";
import { LineIcon } from "@/components/ui/line-icon";
import { BELL_ICON } from "./bell-icon";

// The bell (its poll, arrival alerts and unread count, read by the browser) hydrates once its
// chunk arrives, after the page's first load; until then the server's button stays in place.
const BellButton = lazy(() =>
  import("./bell-button").then(({ BellButton }) => ({ default: BellButton })),
);

/** The header's bell: the unread count, the list behind it, and alerts for new arrivals. */
export function NotificationBell({ userId }: { userId: string }) {
  return (
    // Should React render the boundary afresh before the chunk is in (an update reaching it first),
    // a stand-in of the same size keeps the header from shifting (Lighthouse measured 0.056).
    <Suspense
      fallback={
        <Button variant="ghost" size="icon" aria-label="Notifications" disabled>
          <LineIcon path={BELL_ICON} />
        </Button>
      }
    >
      <BellButton userId={userId} />
    </Suspense>
  );
}
