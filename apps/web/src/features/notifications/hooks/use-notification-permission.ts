import { useCallback, useSyncExternalStore } from "react";

/** `unsupported` when the browser has no Notification API (or during server rendering). */
export type NotificationPermissionState = NotificationPermission | "unsupported";

const supported = () => typeof window !== "undefined" && "Notification" in window;

const listeners = new Set<() => void>();
const notify = () => {
  for (const listener of listeners) listener();
};
let watching = false;

/** The Permissions API tells when the user changes the choice in the browser's own settings. */
function watchBrowserSettings(): void {
  if (watching || !navigator.permissions) return;
  watching = true;
  navigator.permissions
    .query({ name: "notifications" })
    .then((status) => status.addEventListener("change", notify))
    .catch(() => {});
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (supported()) watchBrowserSettings();
  return () => listeners.delete(listener);
}

const current = (): NotificationPermissionState =>
  supported() ? Notification.permission : "unsupported";

/**
 * Whether this site may show notifications, and a way to ask. Only ever asked from a button
 * the user pressed: a prompt on page load is what makes people block a site for good.
 */
export function useNotificationPermission() {
  const permission = useSyncExternalStore(subscribe, current, () => "unsupported" as const);
  const request = useCallback(async (): Promise<NotificationPermissionState> => {
    if (!supported()) return "unsupported";
    const answer = await Notification.requestPermission();
    notify();
    return answer;
  }, []);
  return { permission, request };
}
