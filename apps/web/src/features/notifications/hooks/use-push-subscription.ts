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
import {
  browserPushSubscription,
  forgetPushSubscription,
  PUSH_WORKER_URL,
  pushSubscriptionsPath,
  type SavedPushSubscription,
  savedPushSubscription,
  savePushSubscription,
} from "@/lib/web-push";

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

async function subscribe(
  client: ApiClient,
  userId: string,
  publicKey: string,
): Promise<SavedPushSubscription> {
  if ((await Notification.requestPermission()) !== "granted") {
    throw new Error(
      "Allow notifications for this site first: the browser shows pushed reminders as notifications.",
    );
  }
  const registration = await navigator.serviceWorker.register(PUSH_WORKER_URL);
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
    const record = savedPushSubscription(userId);
    browserPushSubscription()
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
          savePushSubscription(userId, record);
        } else {
          await forgetPushSubscription(client, userId);
          await (await browserPushSubscription())?.unsubscribe();
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
