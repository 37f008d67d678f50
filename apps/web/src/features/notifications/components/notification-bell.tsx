"use client";

import { lazy, Suspense } from "react";

// The bell (its poll, arrival alerts and unread count, read by the browser) hydrates once its
// chunk arrives, after the page's first load; until then the server's button stays in place.
const BellButton = lazy(() =>
  import("./bell-button").then(({ BellButton }) => ({ default: BellButton })),
);

/** The header's bell: the unread count, the list behind it, and alerts for new arrivals. */
export function NotificationBell({ userId }: { userId: string }) {
  return (
    <Suspense fallback={null}>
      <BellButton userId={userId} />
    </Suspense>
  );
}
