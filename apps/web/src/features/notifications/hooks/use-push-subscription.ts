import type { PushSubscription as PushSubscriptionRecord } from "@todo/contract/notification-settings";
import { useCallback, useEffect, useState } from "react";
import {
  type ApiClient,
  ApiError,
  describeError,
  NetworkError,
  SessionExpiredError,
} from "@/lib/api-client";
import { useApiClient } from "@/lib/api-client-context";
import { useHydrated } from "@/lib/use-hydrated";
import { pushSubscriptionsPath } from "../api/notification-settings";

/** The service worker that shows pushed reminders (public/sw.js). */
const WORKER_URL = "/sw.js";

/** What this device registered with the API, to delete it when push is turned off here. */
interface SavedSubscription {
  id: number;
  endpoint: string;
}

const storageKey = (userId: string) => `push-subscription:${userId}`;

function saved(userId: string): SavedSubscription | null {
  try {
    const value = JSON.parse(localStorage.getItem(storageKey(userId)) ?? "null") as unknown;
    return value && typeof value === "object" && "id" in value && "endpoint" in value
      ? (value as SavedSubscription)
      : null;
  } catch {
    return null;
  }
}

function pushSupported(): boolean {
  return (
    typeof window !== "undefined" &&
    "serviceWorker" in navigator &&
    "PushManager" in window &&
    "Notification" in window
  );
}

/** The API's refusal as it words it; the browser's (a failed subscribe, a refused permission) in its words. */
function describePushError(failure: unknown): string {
  const fromApi =
    failure instanceof ApiError ||
    failure instanceof NetworkError ||
    failure instanceof SessionExpiredError;
  return !fromApi && failure instanceof Error ? failure.message : describeError(failure);
}

/** A VAPID public key as the push manager takes it: base64url text to bytes. */
function applicationServerKey(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url.replace(/-/g, "+").replace(/_/g, "/");
  const binary = atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, "="));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

async function currentSubscription(): Promise<PushSubscription | null> {
  const registration = await navigator.serviceWorker.getRegistration(WORKER_URL);
  return (await registration?.pushManager.getSubscription()) ?? null;
}

async function subscribe(
  client: ApiClient,
  userId: string,
  publicKey: string,
): Promise<SavedSubscription> {
  if ((await Notification.requestPermission()) !== "granted") {
    throw new Error(
      "Allow notifications for this site first: the browser shows pushed reminders as notifications.",
    );
  }
  const registration = await navigator.serviceWorker.register(WORKER_URL);
  await navigator.serviceWorker.ready;
  const subscription =
    (await registration.pushManager.getSubscription()) ??
    (await registration.pushManager
      .subscribe({ userVisibleOnly: true, applicationServerKey: applicationServerKey(publicKey) })
      .catch((failure: unknown) => {
        // The browser's own words ("Registration failed - permission denied"), said as ours.
        const reason = failure instanceof Error ? ` (${failure.message})` : "";
        throw new Error(`This browser couldn't subscribe to push notifications${reason}.`);
      }));
  try {
    const record = await client.request<PushSubscriptionRecord>(
      "POST",
      pushSubscriptionsPath(userId),
      { body: subscription.toJSON() },
    );
    return { id: record.id, endpoint: subscription.endpoint };
  } catch (error) {
    // Not registered with the server: leave no subscription behind that nothing would use.
    await subscription.unsubscribe().catch(() => {});
    throw error;
  }
}

/**
 * Web Push on this device: on when this browser holds a subscription the API was told about
 * (its id kept in localStorage), off otherwise.
 */
export function usePushSubscription(userId: string, publicKey: string | null) {
  const client = useApiClient();
  // The server cannot know what this browser supports: decided once it has taken over.
  const supported = useHydrated() && pushSupported();
  const [enabled, setEnabled] = useState<boolean | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!pushSupported()) return;
    const record = saved(userId);
    currentSubscription()
      .then((subscription) => setEnabled(!!record && subscription?.endpoint === record.endpoint))
      .catch(() => setEnabled(false));
  }, [userId]);

  const change = useCallback(
    async (on: boolean) => {
      setPending(true);
      setError(null);
      try {
        if (on) {
          if (!publicKey) return;
          const record = await subscribe(client, userId, publicKey);
          localStorage.setItem(storageKey(userId), JSON.stringify(record));
        } else {
          const record = saved(userId);
          if (record) {
            await client
              .request<void>("DELETE", pushSubscriptionsPath(userId, record.id))
              // Already gone on the server (deleted from another tab): off is off.
              .catch((failure: unknown) => {
                if (!(failure instanceof ApiError && failure.status === 404)) throw failure;
              });
          }
          localStorage.removeItem(storageKey(userId));
          await (await currentSubscription())?.unsubscribe();
        }
        setEnabled(on);
      } catch (failure) {
        setError(describePushError(failure));
      } finally {
        setPending(false);
      }
    },
    [client, userId, publicKey],
  );

  return { supported, enabled, pending, error, change };
}
