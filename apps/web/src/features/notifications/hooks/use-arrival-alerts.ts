import type { Notification as ReminderNotification } from "@todo/contract/notification";
import { useEffect, useRef } from "react";
import { alertTag, dueText } from "../components/notification-text";
import { newArrivals } from "./new-arrivals";

/**
 * Shows each notification that arrives while the page is open as a browser notification, when
 * the user has allowed them. Tagged per notification, so the service worker's copy of a pushed
 * one (same tag) replaces it instead of showing twice.
 */
export function useArrivalAlerts(
  items: readonly ReminderNotification[] | undefined,
  open: (notification: ReminderNotification) => void,
): void {
  const seen = useRef<Set<number> | null>(null);
  const openRef = useRef(open);
  openRef.current = open;

  useEffect(() => {
    if (!items) return;
    const { fresh, seen: next } = newArrivals(seen.current, items);
    seen.current = next;
    if (!("Notification" in window) || Notification.permission !== "granted") return;
    for (const notification of fresh) {
      const alert = new Notification(notification.title, {
        body: dueText(notification),
        tag: alertTag(notification.id),
      });
      alert.onclick = () => {
        window.focus();
        alert.close();
        openRef.current(notification);
      };
    }
  }, [items]);
}
