"use client";

import type {
  NotificationCollection,
  Notification as ReminderNotification,
} from "@todo/contract/notification";
import { clsx } from "clsx";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { LoadErrorAlert } from "@/components/ui/load-error-alert";
import { describeError } from "@/lib/api-client";
import { useMarkRead } from "../api/notifications";
import { BrowserPermission } from "./browser-permission";
import { dueText, timeAgo } from "./notification-text";

export interface NotificationsPanelProps {
  userId: string;
  collection: NotificationCollection | undefined;
  error: Error | null;
  onRetry: () => void;
  onOpen: (notification: ReminderNotification) => void;
  onClose: () => void;
}

/** The bell's dialog: the latest notifications, newest first, each opening its task. */
export function NotificationsPanel({
  userId,
  collection,
  error,
  onRetry,
  onOpen,
  onClose,
}: NotificationsPanelProps) {
  const markAll = useMarkRead(userId);
  const now = new Date();
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent title="Notifications" className="sm:max-w-md">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <p className="text-sm text-muted-foreground">
            {collection ? `${collection.unread} unread` : ""}
          </p>
          <Button
            variant="secondary"
            size="sm"
            disabled={!collection || collection.unread === 0 || markAll.isPending}
            onClick={() => markAll.mutate(null)}
          >
            Mark all as read
          </Button>
        </div>
        {markAll.error ? (
          <Alert title="Couldn't mark them as read">{describeError(markAll.error)}</Alert>
        ) : null}
        <BrowserPermission compact />
        {error && !collection ? (
          <LoadErrorAlert title="Couldn't load notifications" error={error} onRetry={onRetry} />
        ) : !collection ? (
          <p className="text-sm text-muted-foreground">Loading…</p>
        ) : collection.items.length === 0 ? (
          <p className="text-sm text-muted-foreground">
            No notifications yet. Reminders you set on tasks show up here when they are due.
          </p>
        ) : (
          <ul aria-label="Latest notifications" className="-mx-2 flex flex-col">
            {collection.items.map((notification) => (
              <li key={notification.id}>
                <button
                  type="button"
                  onClick={() => onOpen(notification)}
                  className={clsx(
                    "flex w-full items-start gap-3 rounded-md px-2 py-2 text-left hover:bg-muted",
                    "focus-visible:outline-2 focus-visible:outline-ring",
                  )}
                >
                  <span
                    aria-hidden="true"
                    className={clsx(
                      "mt-1.5 size-2 shrink-0 rounded-full",
                      notification.read ? "bg-transparent" : "bg-primary",
                    )}
                  />
                  <span className="flex min-w-0 flex-col">
                    <span
                      className={clsx("break-words", notification.read ? "" : "font-semibold")}
                      dir="auto"
                    >
                      {notification.read ? null : <span className="sr-only">Unread: </span>}
                      {notification.title}
                    </span>
                    <span className="text-xs text-muted-foreground">
                      {dueText(notification, { now })} · {timeAgo(notification.created_at, now)}
                    </span>
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </DialogContent>
    </Dialog>
  );
}
