import type { BrowserContext, Locator, Page } from "@playwright/test";
import { expect, signInThroughApi, signOutViaUi, type TestUser, test } from "./fixtures";
import { seriousViolations } from "./support/axe";
import { expectRefusedWithinContract, tokenOf } from "./support/revocation";
import {
  apiSession,
  createThroughApi,
  openTasks,
  readThroughApi,
  taskItem,
  tasksUrl,
} from "./support/tasks";

/** Signs out in another tab of the same browser: the session ends, and every token it gave. */
async function signOutInAnotherTab(context: BrowserContext): Promise<Page> {
  const token = await tokenOf(context.request);
  const otherTab = await context.newPage();
  await otherTab.goto("/settings");
  await signOutViaUi(otherTab);
  await expectRefusedWithinContract(context.request, token);
  return otherTab;
}

/** The notice in the page, or in the edit dialog. */
const sessionEndedNotice = (scope: Page | Locator) =>
  scope.getByRole("alert").filter({ hasText: "Your session ended — sign in again" });

/** Follows the notice's link to sign-in, which must keep the way back (`next`), and signs in. */
async function signInFrom(notice: Locator, next: string, user: TestUser): Promise<void> {
  const page = notice.page();
  await notice.getByRole("link", { name: "Sign in" }).click();
  await expect(page).toHaveURL(`/sign-in?next=${encodeURIComponent(next).replaceAll("%2F", "/")}`);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

async function addTask(page: Page, title: string): Promise<void> {
  await page.getByLabel("New task").fill(title);
  await page.getByRole("button", { name: "Add", exact: true }).click();
}

test("a tab whose session ended says so, keeps the text being typed, and comes back after sign-in", async ({
  context,
  page,
  user,
}) => {
  // A page with filters in its address: signing in must come back to exactly this one.
  const here = "/tasks?sort=updated_at&order=asc";
  await openTasks(page, here);
  // The tab holds a token, as in the report: add a task with it.
  await addTask(page, "Before signing out");
  await expect(taskItem(page, "Before signing out")).toBeVisible();
  const otherTab = await signOutInAnotherTab(context);

  const title = "Typed while signed out elsewhere";
  await addTask(page, title);
  const notice = sessionEndedNotice(page);
  await expect(notice).toBeVisible();
  await expect(page).toHaveURL(here);
  await expect(page.getByLabel("New task")).toHaveValue(title);

  await signInFrom(notice, here, user);
  await expect(page).toHaveURL(here);
  await expect(page.getByLabel("New task")).toHaveValue(title);

  await page.getByRole("button", { name: "Add", exact: true }).click();
  await expect(taskItem(page, title)).toBeVisible();
  // Saved, so no longer a draft: a reload starts empty.
  await page.reload();
  await expect(page.getByLabel("New task")).toHaveValue("");
  await otherTab.close();
});

test("after a redeploy has removed the page's script chunks, the notice still shows and its link still signs in", async ({
  context,
  page,
  user,
}) => {
  const here = "/tasks?sort=title";
  await openTasks(page, here);
  // Adding a task first loads what typing and adding load on demand (the quick-add preview, the
  // form's schema); with the sidebar, bell and menu loaded after the first load, all is in.
  await addTask(page, "Before the redeploy");
  await expect(taskItem(page, "Before the redeploy")).toBeVisible();
  await page.waitForLoadState("networkidle");
  const gone: string[] = [];
  const redeployed = "**/_next/static/**";
  await page.route(redeployed, (route) => {
    gone.push(new URL(route.request().url()).pathname);
    return route.fulfill({ status: 404, body: "" });
  });
  const otherTab = await signOutInAnotherTab(context);

  const title = "Typed after the redeploy";
  await addTask(page, title);
  const notice = sessionEndedNotice(page);
  await expect(notice).toBeVisible();
  await expect(page.getByLabel("New task")).toHaveValue(title);
  expect(gone).toEqual([]);

  // The new build serves its own chunks: the link loads sign-in afresh and comes back here.
  await page.unroute(redeployed);
  await signInFrom(notice, here, user);
  await expect(page).toHaveURL(here);
  await expect(page.getByLabel("New task")).toHaveValue(title);
  await otherTab.close();
});

test("an edit saved after the session ended says so in the dialog, keeps the edit, and reopens it after sign-in", async ({
  baseURL,
  context,
  page,
  playwright,
  user,
}) => {
  const before = await apiSession(context.request);
  const task = await createThroughApi(before, { title: "Call the bank" });
  const here = "/tasks?sort=title";
  await openTasks(page, here);
  const read = page.waitForResponse(
    (response) =>
      response.request().method() === "GET" &&
      new URL(response.url()).pathname.endsWith(`/${task.id}`),
  );
  await page.getByRole("button", { name: "Edit “Call the bank”" }).click();
  expect((await read).status()).toBe(200);
  const dialog = page.getByRole("dialog", { name: "Edit task" });
  const title = "Call the bank about the mortgage";
  await dialog.getByLabel("Title").fill(title);

  const otherTab = await signOutInAnotherTab(context);
  await dialog.getByRole("button", { name: "Save" }).click();
  const notice = sessionEndedNotice(dialog);
  await expect(notice).toBeVisible();
  await expect(dialog.getByLabel("Title")).toHaveValue(title);
  expect(await seriousViolations(page)).toEqual([]);

  // Meanwhile another device changes a field this edit left alone: saving must not undo it.
  const otherDevice = await playwright.request.newContext({ baseURL });
  await signInThroughApi(otherDevice, baseURL ?? "", user);
  const elsewhere = await apiSession(otherDevice);
  const changed = await otherDevice.put(tasksUrl(elsewhere, task.id), {
    data: { description: "Ask for Ms Jones" },
    headers: { Authorization: `Bearer ${elsewhere.token}` },
  });
  expect(changed.status()).toBe(200);

  await signInFrom(notice, `${here}&edit=${task.id}`, user);
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel("Title")).toHaveValue(title);
  // Opened once: the address no longer asks for the dialog, so closing it or reloading is final.
  await expect(page).toHaveURL(here);

  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();
  await expect(taskItem(page, title)).toBeVisible();
  const saved = await readThroughApi(elsewhere, task.id);
  expect(saved.title).toBe(title);
  expect(saved.description).toBe("Ask for Ms Jones");

  // Cancelling drops the kept edit: opening the task again shows it as saved.
  await page.getByRole("button", { name: `Edit “${title}”` }).click();
  await dialog.getByLabel("Title").fill("Not meant to be kept");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole("button", { name: `Edit “${title}”` }).click();
  await expect(dialog.getByLabel("Title")).toHaveValue(title);
  await otherTab.close();
  await otherDevice.dispose();
});
