"use client";

import type { Notification as ReminderNotification } from "@todo/contract/notification";
import { useRouter } from "next/navigation";
import { lazy, Suspense, useCallback, useState } from "react";
import { Button } from "@/components/ui/button";
import { LineIcon } from "@/components/ui/line-icon";
import { useHydrated } from "@/lib/use-hydrated";
import { useMarkRead, useNotifications } from "../api/notifications";
import { useArrivalAlerts } from "../hooks/use-arrival-alerts";
import { BELL_ICON } from "./bell-icon";
import { taskPath } from "./notification-text";

// The list, with Radix's dialog, loads on first opening: the page's first load carries only the
// button and the poll.
const NotificationsPanel = lazy(() =>
  import("./notifications-panel").then(({ NotificationsPanel }) => ({
    default: NotificationsPanel,
  })),
);

/** "Notifications, 3 unread". */
function bellLabel(unread: number): string {
  return unread > 0 ? `Notifications, ${unread} unread` : "Notifications";
}

/** The bell itself, which notification-bell.tsx loads after the page. */
export function BellButton({ userId }: { userId: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  // Served disabled (live-fieldset.tsx): a click before hydration would open nothing.
  const hydrated = useHydrated();
  const { data, error, refetch } = useNotifications(userId);
  const markRead = useMarkRead(userId);
  const unread = data?.unread ?? 0;

  const openTask = useCallback(
    (notification: ReminderNotification) => {
      if (!notification.read) markRead.mutate(notification.id);
      setOpen(false);
      router.push(taskPath(notification.task_id, window.location.pathname));
    },
    [markRead.mutate, router],
  );
  useArrivalAlerts(data?.items, openTask);

  return (
    <>
      <Button
        variant="ghost"
        size="icon"
        className="relative"
        aria-label={bellLabel(unread)}
        aria-haspopup="dialog"
        disabled={!hydrated}
        onClick={() => setOpen(true)}
      >
        <LineIcon path={BELL_ICON} />
        {unread > 0 ? (
          <span
            aria-hidden="true"
            className="absolute top-0.5 right-0.5 grid h-5 min-w-5 place-items-center rounded-full bg-danger px-1 text-xs font-semibold text-danger-foreground"
          >
            {unread > 99 ? "99+" : unread}
          </span>
        ) : null}
      </Button>
      {open ? (
        <Suspense fallback={null}>
          <NotificationsPanel
            userId={userId}
            collection={data}
            error={error}
            onRetry={() => void refetch()}
            onOpen={openTask}
            onClose={() => setOpen(false)}
          />
        </Suspense>
      ) : null}
    </>
  );
}
