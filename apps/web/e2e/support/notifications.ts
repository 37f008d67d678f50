/**
 * Helpers for specs about notifications: recording the browser notifications a page shows, and
 * reaching the notification endpoints directly.
 */
import type { BrowserContext, Page } from "@playwright/test";
import { expect } from "../fixtures";
import { type ApiSession, apiUrl } from "./tasks";

export interface ShownNotification {
  title: string;
  body: string | undefined;
  tag: string | undefined;
}

/** Answers "Allow" for the web app, as the user would at the browser's prompt. */
export async function allowNotifications(context: BrowserContext, baseURL: string | undefined) {
  await context.grantPermissions(["notifications"], { origin: baseURL });
}

/**
 * Wraps the browser's `window.Notification` in every page of the context so that each
 * notification shown is recorded (then shown for real); read them with `shownNotifications`.
 */
export async function recordBrowserNotifications(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const Real = window.Notification;
    if (!Real) return;
    const shown: Array<{ title: string; body?: string; tag?: string }> = [];
    (window as unknown as { shownNotifications: typeof shown }).shownNotifications = shown;
    const Recording = function (this: unknown, title: string, options?: NotificationOptions) {
      shown.push({ title, body: options?.body, tag: options?.tag });
      return Reflect.construct(Real, [title, options], new.target ?? Real);
    } as unknown as typeof Notification;
    Object.setPrototypeOf(Recording, Real);
    Recording.prototype = Real.prototype;
    window.Notification = Recording;
  });
}

export async function shownNotifications(page: Page): Promise<ShownNotification[]> {
  return page.evaluate(
    () => (window as unknown as { shownNotifications: ShownNotification[] }).shownNotifications,
  );
}

/** The bell in the page's header, whatever its count. */
export function bell(page: Page) {
  return page.getByRole("button", { name: /^Notifications(, \d+ unread)?$/ });
}

export async function notificationsThroughApi(session: ApiSession) {
  const response = await session.request.get(
    `${apiUrl()}/api/${encodeURIComponent(session.userId)}/notifications`,
    { headers: { Authorization: `Bearer ${session.token}` } },
  );
  expect(response.status()).toBe(200);
  return (await response.json()) as {
    items: Array<{ id: number; task_id: number; title: string; read: boolean }>;
    unread: number;
  };
}
