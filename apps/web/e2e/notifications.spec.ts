import { createECDH, randomBytes } from "node:crypto";
import { expect, saveScreenshot, signInThroughApi, signOutViaUi, test } from "./fixtures";
import { seriousViolations } from "./support/axe";
import {
  allowNotifications,
  bell,
  notificationsThroughApi,
  recordBrowserNotifications,
  shownNotifications,
} from "./support/notifications";
import { apiSession, apiUrl, createThroughApi, openTasks } from "./support/tasks";

/** The bell polls every 30 s; a reminder is due a few seconds after the page opens. */
const ARRIVAL_TIMEOUT_MS = 50_000;

const VIEWPORTS = [
  { name: "desktop", width: 1280, height: 800 },
  { name: "mobile", width: 360, height: 740 },
] as const;

/** A task whose reminder (at the due time) fires `seconds` from now. */
async function dueSoon(
  session: Awaited<ReturnType<typeof apiSession>>,
  title: string,
  seconds = 3,
) {
  return createThroughApi(session, {
    title,
    due_date: new Date(Date.now() + seconds * 1000).toISOString(),
    reminders: [{ before_minutes: 0 }],
  });
}

test.describe("with notifications allowed", () => {
  test.use({ permissions: ["notifications"] });

  test("a reminder reaches the bell and a browser notification; reading one, then all", async ({
    page,
    context,
    user: _signedIn,
  }) => {
    test.setTimeout(120_000);
    await recordBrowserNotifications(context);
    await openTasks(page);
    await expect(bell(page)).toHaveAccessibleName("Notifications");

    const session = await apiSession(page.request);
    const plants = await dueSoon(session, "Water the plants");
    // Due a few seconds apart, so that the list's order (newest first) is known.
    const rent = await dueSoon(session, "Pay the rent", 6);

    // Delivered by the API's worker, seen by the bell's poll while the page stays open.
    await expect(bell(page)).toHaveAccessibleName("Notifications, 2 unread", {
      timeout: ARRIVAL_TIMEOUT_MS,
    });
    const delivered = await notificationsThroughApi(session);
    const idOf = (taskId: number) => delivered.items.find((n) => n.task_id === taskId)?.id;
    await expect
      .poll(async () => (await shownNotifications(page)).map(({ title, tag }) => ({ title, tag })))
      .toEqual(
        expect.arrayContaining([
          { title: "Water the plants", tag: `notification-${idOf(plants.id)}` },
          { title: "Pay the rent", tag: `notification-${idOf(rent.id)}` },
        ]),
      );
    expect(await shownNotifications(page)).toHaveLength(2);
    expect((await shownNotifications(page))[0]?.body).toMatch(/^Due Today, /);

    // Already there when the page opens: in the bell, not shown again.
    const answered = page.waitForResponse(
      (response) => response.url().endsWith("/notifications") && response.ok(),
    );
    await page.reload();
    await answered;
    await expect(bell(page)).toHaveAccessibleName("Notifications, 2 unread");
    expect(await shownNotifications(page)).toEqual([]);

    // The list, newest first, unread marked; a click opens the task and reads it.
    await bell(page).click();
    const dialog = page.getByRole("dialog", { name: "Notifications" });
    const items = dialog.getByRole("list", { name: "Latest notifications" }).getByRole("button");
    await expect(items).toHaveCount(2);
    await expect(items.first()).toContainText("Unread: Pay the rent");
    await expect(items.first()).toContainText(/Due Today, .* · (just now|1 minute ago)$/);
    await items.filter({ hasText: "Water the plants" }).click();
    await expect(page.getByRole("dialog", { name: "Edit task" })).toBeVisible();
    await expect(page.getByRole("dialog", { name: "Edit task" }).getByLabel("Title")).toHaveValue(
      "Water the plants",
    );
    // The edit dialog is modal: the header behind it is out of reach until it closes.
    await page.keyboard.press("Escape");
    await expect(bell(page)).toHaveAccessibleName("Notifications, 1 unread");

    await bell(page).click();
    await expect(items.filter({ hasText: "Water the plants" })).not.toContainText("Unread");
    await dialog.getByRole("button", { name: "Mark all as read" }).click();
    await expect(dialog.getByText("0 unread")).toBeVisible();
    await expect(items.filter({ hasText: "Unread" })).toHaveCount(0);
    await page.keyboard.press("Escape");
    await expect(bell(page)).toHaveAccessibleName("Notifications");

    // Read on the server, not only on this page.
    await page.reload();
    await expect(bell(page)).toHaveAccessibleName("Notifications");
    expect((await notificationsThroughApi(session)).unread).toBe(0);
  });

  test("the service worker shows a pushed reminder, once per notification", async ({
    page,
    context,
    baseURL,
    user: _signedIn,
  }) => {
    await openTasks(page);
    await page.evaluate(async () => {
      await navigator.serviceWorker.register("/sw.js");
      await navigator.serviceWorker.ready;
    });
    // DevTools delivers the push message as the push service would (the payload already decrypted).
    const cdp = await context.newCDPSession(page);
    const registrationId = new Promise<string>((resolve) => {
      cdp.on("ServiceWorker.workerRegistrationUpdated", ({ registrations }) => {
        const ours = registrations.find((r) => r.scopeURL === `${baseURL}/` && !r.isDeleted);
        if (ours) resolve(ours.registrationId);
      });
    });
    await cdp.send("ServiceWorker.enable");
    const notification = {
      id: 41,
      task_id: 7,
      title: "Renew the passport",
      due_date: "2026-12-24",
      fire_at: "2026-12-24T09:00:00Z",
      read: false,
      created_at: "2026-12-24T09:00:01Z",
    };
    const push = async () =>
      cdp.send("ServiceWorker.deliverPushMessage", {
        origin: baseURL as string,
        registrationId: await registrationId,
        data: JSON.stringify({ type: "reminder", notification }),
      });
    const shown = () =>
      page.evaluate(async () => {
        const registration = await navigator.serviceWorker.ready;
        return (await registration.getNotifications()).map(({ title, body, tag }) => ({
          title,
          body,
          tag,
        }));
      });

    await push();
    await expect
      .poll(shown)
      .toEqual([{ title: "Renew the passport", body: "Due Dec 24, 2026", tag: "notification-41" }]);
    // The same notification pushed again (another device's subscription, a retry) replaces it.
    await push();
    await expect.poll(shown).toHaveLength(1);
    expect(await shown()).toHaveLength(1);
  });

  test("settings: push on this device, refused by the browser, says why and stays off", async ({
    page,
    user: _signedIn,
  }) => {
    await page.goto("/settings");
    const section = page.getByRole("region", { name: "Notifications" });
    const push = section.getByRole("checkbox", { name: /^Push notifications on this device/ });
    await expect(push).toBeEnabled();
    // Headless Chromium has no push service: the subscription is refused, as a browser can.
    await push.click();
    await expect(section.getByRole("alert")).toContainText(
      /Couldn't change push notifications.*This browser couldn't subscribe/s,
    );
    await expect(push).not.toBeChecked();
    await expect(push).toBeEnabled();
    const saved = await page.evaluate(() => Object.keys(localStorage));
    expect(saved.filter((key) => key.startsWith("push-subscription:"))).toEqual([]);
    // The service worker it registered for the push stays; no subscription was left in it.
    expect(
      await page.evaluate(async () => {
        const registration = await navigator.serviceWorker.getRegistration("/sw.js");
        return (await registration?.pushManager.getSubscription()) ?? null;
      }),
    ).toBeNull();
  });
});

test("signing out makes the API forget this browser's push subscription", async ({
  page,
  baseURL,
  user,
}) => {
  await openTasks(page);
  const session = await apiSession(page.request);
  // Headless Chromium has no push service: the subscription this browser would have registered
  // is registered through the API, and remembered in the page as the settings toggle does.
  const subscription = {
    endpoint: `http://127.0.0.1:9/push/${randomBytes(8).toString("hex")}`,
    keys: {
      p256dh: createECDH("prime256v1").generateKeys().toString("base64url"),
      auth: randomBytes(16).toString("base64url"),
    },
  };
  const subscribe = (token: string) =>
    page.request.post(`${apiUrl()}/api/${encodeURIComponent(session.userId)}/push-subscriptions`, {
      headers: { Authorization: `Bearer ${token}` },
      data: subscription,
    });
  const created = await subscribe(session.token);
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: number };
  await page.evaluate(({ key, record }) => localStorage.setItem(key, record), {
    key: `push-subscription:${session.userId}`,
    record: JSON.stringify({ id, endpoint: subscription.endpoint }),
  });

  await signOutViaUi(page);
  expect(
    (await page.evaluate(() => Object.keys(localStorage))).filter((key) =>
      key.startsWith("push-subscription:"),
    ),
  ).toEqual([]);
  // Signed in again, the same endpoint is a new subscription (201), not the old one kept (200).
  await signInThroughApi(page.request, baseURL as string, user);
  const again = await apiSession(page.request);
  expect((await subscribe(again.token)).status()).toBe(201);
});

test("settings: browser permission, email reminders saved and kept", async ({
  page,
  context,
  baseURL,
  user: _signedIn,
}) => {
  await page.goto("/settings");
  const section = page.getByRole("region", { name: "Notifications" });
  await expect(section.getByText(/^(Not allowed yet|Blocked)/)).toBeVisible();

  await allowNotifications(context, baseURL);
  await page.reload();
  await expect(section.getByText(/^Allowed/)).toBeVisible();
  await expect(
    section.getByRole("button", { name: "Show reminders as browser notifications" }),
  ).toHaveCount(0);

  const email = section.getByRole("checkbox", { name: "Email me reminders" });
  await expect(email).not.toBeChecked();
  // Ticked as the click ends, not a tick later once the save has started (meanwhile React put
  // the controlled box back: a check() that looked then saw its click undone).
  expect(
    await email.evaluate((box: HTMLInputElement) => {
      box.click();
      return box.checked;
    }),
  ).toBe(true);
  await expect(section.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await page.reload();
  await expect(email).toBeChecked();
  await email.uncheck();
  await expect(section.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await page.reload();
  await expect(email).not.toBeChecked();
});

test("the bell's dialog and the settings' Notifications section: no serious or critical axe violation, light and dark, desktop and 360 px", async ({
  page,
  user: _signedIn,
}, testInfo) => {
  test.setTimeout(120_000);
  const session = await apiSession(page.request);
  await dueSoon(session, "Buy a birthday present", 1);
  await expect
    .poll(async () => (await notificationsThroughApi(session)).unread, { timeout: 30_000 })
    .toBe(1);
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const viewport of VIEWPORTS) {
      await page.setViewportSize(viewport);
      await openTasks(page);
      await expect(bell(page)).toHaveAccessibleName("Notifications, 1 unread");
      await bell(page).click();
      await expect(page.getByRole("dialog", { name: "Notifications" })).toContainText(
        "Buy a birthday present",
      );
      expect(await seriousViolations(page), `bell, ${scheme}, ${viewport.name}`).toEqual([]);
      await saveScreenshot(page, testInfo, `bell-${viewport.name}-${scheme}`);
      await page.keyboard.press("Escape");

      await page.goto("/settings");
      const section = page.getByRole("region", { name: "Notifications" });
      await expect(section.getByRole("checkbox", { name: "Email me reminders" })).toBeVisible();
      await section.scrollIntoViewIfNeeded();
      expect(await seriousViolations(page), `settings, ${scheme}, ${viewport.name}`).toEqual([]);
      await saveScreenshot(page, testInfo, `notification-settings-${viewport.name}-${scheme}`);
    }
  }
});
