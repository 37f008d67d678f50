import { expect, saveScreenshot, test } from "./fixtures";
import { seriousViolations } from "./support/axe";

const PAGES = [
  { name: "landing", path: "/", heading: /calm list/, signedIn: false },
  { name: "sign-in", path: "/sign-in", heading: "Sign in", signedIn: false },
  { name: "sign-up", path: "/sign-up", heading: "Create your account", signedIn: false },
  {
    name: "two-factor",
    path: "/sign-in/two-factor",
    heading: "Two-factor authentication",
    signedIn: false,
  },
  { name: "tasks", path: "/tasks", heading: "Tasks", signedIn: true },
  { name: "settings", path: "/settings", heading: "Settings", signedIn: true },
] as const;

const VIEWPORTS = [
  { name: "desktop", width: 1280, height: 800 },
  { name: "mobile", width: 360, height: 740 },
] as const;

for (const target of PAGES) {
  test(`${target.name}: no serious or critical axe violation, light and dark, desktop and 360 px`, async ({
    page,
    context,
    user,
  }, testInfo) => {
    if (!target.signedIn) await context.clearCookies();
    else if (target.name === "tasks") {
      // A few tasks, so the list (not only its empty state) is checked and pictured.
      await page.goto("/tasks");
      for (const title of ["Buy milk", "Renew passport", "Call the plumber"]) {
        await page.getByLabel("New task").fill(title);
        await page.getByRole("button", { name: "Add", exact: true }).click();
        await expect(page.getByText(title)).toBeVisible();
      }
    }
    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const viewport of VIEWPORTS) {
        await page.setViewportSize(viewport);
        await page.goto(target.path);
        await expect(page.getByRole("heading", { level: 1, name: target.heading })).toBeVisible();
        // Let client-side content settle (lazy menus, loaded lists) before scanning.
        await page.waitForLoadState("networkidle");
        expect(await seriousViolations(page), `${scheme}, ${viewport.name}`).toEqual([]);
        await saveScreenshot(page, testInfo, `${target.name}-${viewport.name}-${scheme}`);
      }
    }
    // No horizontal scrolling at 360 px.
    await page.setViewportSize(VIEWPORTS[1]);
    await page.goto(target.path);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    // The page was checked in the state it names: signed in as this user, or signed out.
    await expect(page.getByRole("button", { name: user.name })).toHaveCount(
      target.signedIn ? 1 : 0,
    );
  });
}

test("tasks with quick add's preview, the filters and the shortcuts dialog open: no serious or critical axe violation, light and dark, desktop and 360 px", async ({
  page,
  user: _signedIn,
}, testInfo) => {
  await page.goto("/tasks");
  await page.getByLabel("New task").fill("Buy milk");
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await expect(page.getByText("Buy milk")).toBeVisible();
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const viewport of VIEWPORTS) {
      await page.setViewportSize(viewport);
      await page.goto("/tasks");
      await expect(page.getByText("Buy milk")).toBeVisible();
      await page.getByRole("search").getByRole("button", { name: "Filters" }).click();
      await page
        .getByLabel("New task")
        .fill("Pay rent tomorrow 9am every month #home !high @Bills remind 1h");
      await expect(page.getByTestId("quick-add-preview")).toContainText("Repeats");
      await page.waitForLoadState("networkidle");
      expect(await seriousViolations(page), `board, ${scheme}, ${viewport.name}`).toEqual([]);
      await saveScreenshot(page, testInfo, `quick-add-${viewport.name}-${scheme}`);

      await page.getByRole("button", { name: "Keyboard shortcuts" }).click();
      await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
      expect(await seriousViolations(page), `shortcuts, ${scheme}, ${viewport.name}`).toEqual([]);
      await saveScreenshot(page, testInfo, `shortcuts-${viewport.name}-${scheme}`);
      await page.keyboard.press("Escape");
    }
  }
});
