import { z } from "zod";

/** docs/api.md, Notification settings. */
export const notificationSettingsSchema = z
  .object({
    email: z.boolean().describe("Each delivered reminder is also emailed (to a verified address)."),
    push_public_key: z
      .string()
      .nullable()
      .describe(
        "The API's VAPID public key (base64url, an uncompressed P-256 point): the " +
          "`applicationServerKey` to subscribe with. Null: Web Push is not configured.",
      ),
  })
  .meta({ id: "NotificationSettings" });
export type NotificationSettings = z.infer<typeof notificationSettingsSchema>;

export const updateNotificationSettingsSchema = z
  .strictObject({ email: z.boolean() })
  .describe("Every setting the user chooses. Unknown keys are rejected.");
export type UpdateNotificationSettings = z.infer<typeof updateNotificationSettingsSchema>;

/** At most this many push subscriptions (browsers) a user; the next new one is a 409. */
export const PUSH_SUBSCRIPTIONS_MAX = 20;
const PUSH_ENDPOINT_MAX_LENGTH = 2048;

/** The bytes of a base64url string (padded or not), or null when it is not base64url. */
function base64urlBytes(value: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]+={0,2}$/.test(value)) return null;
  try {
    const binary = atob(value.replace(/-/g, "+").replace(/_/g, "/"));
    return Uint8Array.from(binary, (char) => char.charCodeAt(0));
  } catch {
    return null;
  }
}

const base64urlKey = (check: (bytes: Uint8Array) => boolean, message: string) =>
  z.string().refine((value) => {
    const bytes = base64urlBytes(value);
    return bytes !== null && check(bytes);
  }, message);

/** The browser's `PushSubscription.toJSON()` (W3C Push API), as the web app sends it. */
export const pushSubscriptionInputSchema = z
  .strictObject({
    endpoint: z
      .string()
      .max(PUSH_ENDPOINT_MAX_LENGTH, `At most ${PUSH_ENDPOINT_MAX_LENGTH} characters`)
      .describe(
        "The push service's URL for this browser: `https:` on the default port, to a public " +
          "host. Outside production `http://127.0.0.1` and `http://localhost` are accepted too.",
      ),
    expirationTime: z
      .number()
      .int()
      .nonnegative()
      .nullable()
      .default(null)
      .describe("Milliseconds since the epoch when the subscription ends, or null."),
    keys: z.strictObject({
      p256dh: base64urlKey(
        (bytes) => bytes.length === 65 && bytes[0] === 4,
        "Must be an uncompressed P-256 public key (65 bytes), base64url",
      ),
      auth: base64urlKey((bytes) => bytes.length === 16, "Must be 16 bytes, base64url"),
    }),
  })
  .describe(
    "A browser's push subscription. The same `endpoint` again updates its keys; an endpoint " +
      "another user subscribed moves to this user (the browser signed into this account).",
  );
export type PushSubscriptionInput = z.output<typeof pushSubscriptionInputSchema>;

export const pushSubscriptionSchema = z
  .object({ id: z.number().int().positive(), created_at: z.iso.datetime() })
  .meta({ id: "PushSubscription" });
export type PushSubscription = z.infer<typeof pushSubscriptionSchema>;
