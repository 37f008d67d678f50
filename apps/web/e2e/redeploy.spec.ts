import type { Page, Request } from "@playwright/test";
import { expect, test } from "./fixtures";
import { openTasks, taskItem } from "./support/tasks";

const scripts = "**/_next/static/**";

/** Counts the tab's page loads from now on (a reload is one). */
function countPageLoads(page: Page): () => number {
  let loads = 0;
  page.on("request", (request: Request) => {
    if (request.isNavigationRequest() && request.frame() === page.mainFrame()) loads += 1;
  });
  return () => loads;
}

/**
 * The old build's chunks are gone; a page loaded afresh gets the new build's (here the same
 * files, so the route serves them again once the tab loads a page). Returns the paths refused.
 */
async function redeploy(page: Page, loads: () => number): Promise<string[]> {
  const gone: string[] = [];
  await page.route(scripts, (route) => {
    if (loads() > 0) return route.fallback();
    gone.push(new URL(route.request().url()).pathname);
    return route.fulfill({ status: 404, body: "" });
  });
  return gone;
}

/** What the add form's first keystroke loads on demand (the quick-add preview) is needed. */
async function typeNewTask(page: Page, title: string): Promise<void> {
  await page.getByLabel("New task").fill(title);
}

test("after a redeploy, the first part the page loads on demand reloads the page once, which keeps the text being typed", async ({
  page,
  user: _signedIn,
}) => {
  await openTasks(page);
  await page.waitForLoadState("networkidle");
  const loads = countPageLoads(page);
  const gone = await redeploy(page, loads);

  const title = "Typed after the redeploy";
  await typeNewTask(page, title);
  await expect.poll(loads).toBe(1);
  expect(gone.length).toBeGreaterThan(0);
  await expect(page.getByLabel("New task")).toHaveValue(title);
  await expect(page.getByRole("heading", { name: "Something went wrong" })).toBeHidden();

  // The reloaded page is whole: its form adds the task.
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await expect(taskItem(page, title)).toBeVisible();
  expect(loads()).toBe(1);
});

test("after a redeploy, a part loaded on submit (the form's schema) reloads the page once, which keeps the new task's text", async ({
  page,
  user: _signedIn,
}) => {
  await openTasks(page);
  // What typing loads (the quick-add preview) arrives before the redeploy, so the first part
  // asked for afterwards is the one the submit loads outside rendering: zod and the schema.
  const field = page.getByLabel("New task");
  await field.fill("Warm-up #early");
  await expect(page.getByTestId("quick-add-preview")).toContainText("Tags: #early");
  await field.fill("");
  await page.waitForLoadState("networkidle");
  const loads = countPageLoads(page);
  const gone = await redeploy(page, loads);

  const title = "Submitted after the redeploy";
  await field.fill(title);
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await expect.poll(loads).toBe(1);
  expect(gone.length).toBeGreaterThan(0);
  await expect(field).toHaveValue(title);
  await expect(page.getByText("Couldn't add the task")).toBeHidden();

  await page.getByRole("button", { name: "Add", exact: true }).click();
  await expect(taskItem(page, title)).toBeVisible();
  await expect(field).toHaveValue("");
  expect(loads()).toBe(1);
});

test("a part that keeps failing to load reloads the page once, then says so with a reload button instead of reloading again", async ({
  page,
  user: _signedIn,
}) => {
  // What the first load fetched keeps loading; everything fetched later (on demand) is broken.
  const firstLoad = new Set<string>();
  const record = (request: Request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith("/_next/static/")) firstLoad.add(url.pathname);
  };
  page.on("request", record);
  await openTasks(page);
  await page.waitForLoadState("networkidle");
  page.off("request", record);
  const loads = countPageLoads(page);
  const broken = new Set<string>();
  await page.route(scripts, (route) => {
    const path = new URL(route.request().url()).pathname;
    if (firstLoad.has(path)) return route.fallback();
    broken.add(path);
    return route.fulfill({ status: 404, body: "" });
  });

  const title = "Typed while a chunk is broken";
  await typeNewTask(page, title);
  const reloadButton = page.getByRole("button", { name: "Reload the page" });
  await expect(reloadButton).toBeVisible();
  await expect(
    page.getByRole("alert").filter({ hasText: "Part of this page could not be loaded" }),
  ).toBeVisible();
  // The reload happened once; the restored text needed the broken part again, and no second
  // reload followed.
  expect(loads()).toBe(1);
  expect(broken.size).toBeGreaterThan(0);
  await page.waitForTimeout(2_000);
  expect(loads()).toBe(1);
  await expect(reloadButton).toBeVisible();

  // Once the part loads again, the button brings the page back with the text.
  await page.unroute(scripts);
  await reloadButton.click();
  await expect(page.getByLabel("New task")).toHaveValue(title);
  expect(loads()).toBe(2);
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await expect(taskItem(page, title)).toBeVisible();
});
