import { type ApiClient, ApiError } from "./api-client";

// This browser's Web Push subscription, turned off by the settings toggle (features/notifications)
// and on sign-out (components/user-menu.tsx): a signed-out browser must stop showing the account's
// reminders, which name its tasks.

/** The service worker that shows pushed reminders (public/sw.js). */
export const PUSH_WORKER_URL = "/sw.js";

/** What this browser registered with the API for a user, kept in localStorage. */
export interface SavedPushSubscription {
  id: number;
  endpoint: string;
}

const storageKey = (userId: string) => `push-subscription:${userId}`;

export const pushSubscriptionsPath = (userId: string, id?: number) =>
  `/api/${encodeURIComponent(userId)}/push-subscriptions${id === undefined ? "" : `/${id}`}`;

export function savedPushSubscription(userId: string): SavedPushSubscription | null {
  try {
    const value = JSON.parse(localStorage.getItem(storageKey(userId)) ?? "null") as unknown;
    return value && typeof value === "object" && "id" in value && "endpoint" in value
      ? (value as SavedPushSubscription)
      : null;
  } catch {
    return null;
  }
}

export function savePushSubscription(userId: string, record: SavedPushSubscription): void {
  localStorage.setItem(storageKey(userId), JSON.stringify(record));
}

/** The browser's own subscription for the worker, if any. */
export async function browserPushSubscription(): Promise<PushSubscription | null> {
  if (typeof navigator === "undefined" || !("serviceWorker" in navigator)) return null;
  const registration = await navigator.serviceWorker.getRegistration(PUSH_WORKER_URL);
  return (await registration?.pushManager.getSubscription()) ?? null;
}

/** The API forgets what this browser registered for `userId` (already gone is fine). */
export async function forgetPushSubscription(client: ApiClient, userId: string): Promise<void> {
  const record = savedPushSubscription(userId);
  if (record) {
    await client
      .request<void>("DELETE", pushSubscriptionsPath(userId, record.id))
      .catch((failure: unknown) => {
        if (!(failure instanceof ApiError && failure.status === 404)) throw failure;
      });
  }
  localStorage.removeItem(storageKey(userId));
}

/** Signing out waits no longer than this for the API and the browser to let go. */
const SIGN_OUT_WAIT_MS = 3_000;

/**
 * Before signing out: the API forgets this browser and the browser unsubscribes, each whatever
 * the other does (a subscription the API still holds is deleted at its next push, which the push
 * service refuses with a 404 or 410). Never throws and never holds the sign-out up for long.
 */
export async function dropPushOnSignOut(client: ApiClient, userId: string): Promise<void> {
  const dropped = Promise.allSettled([
    forgetPushSubscription(client, userId),
    browserPushSubscription().then((subscription) => subscription?.unsubscribe()),
  ]);
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([
    dropped,
    new Promise((resolve) => {
      timer = setTimeout(resolve, SIGN_OUT_WAIT_MS);
    }),
  ]);
  clearTimeout(timer);
}
