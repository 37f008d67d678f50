import { expect, test } from "./fixtures";
import { expectRefusedWithinContract, tokenOf } from "./support/revocation";
import { openTasks, taskItem } from "./support/tasks";

test("a tab whose session ended says so, keeps the text being typed, and comes back after sign-in", async ({
  context,
  page,
  user,
}) => {
  // A page with filters in its address: signing in must come back to exactly this one.
  const here = "/tasks?sort=updated_at&order=asc";
  await openTasks(page, here);
  // The tab holds a token, as in the report: add a task with it.
  await page.getByLabel("New task").fill("Before signing out");
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await expect(taskItem(page, "Before signing out")).toBeVisible();
  const token = await tokenOf(context.request);

  // Signed out in another tab: the session ends, and with it every token it gave.
  const otherTab = await context.newPage();
  await otherTab.goto("/settings");
  await otherTab.getByRole("button", { name: /account menu/i }).click();
  await otherTab.getByRole("menuitem", { name: "Sign out" }).click();
  await otherTab.waitForURL("**/sign-in");
  await expectRefusedWithinContract(context.request, token);

  const title = "Typed while signed out elsewhere";
  await page.getByLabel("New task").fill(title);
  await page.getByRole("button", { name: "Add", exact: true }).click();
  const notice = page.getByRole("alert").filter({ hasText: "Your session ended — sign in again" });
  await expect(notice).toBeVisible();
  await expect(page).toHaveURL(here);
  await expect(page.getByLabel("New task")).toHaveValue(title);

  await notice.getByRole("link", { name: "Sign in" }).click();
  await expect(page).toHaveURL(`/sign-in?next=${encodeURIComponent(here).replaceAll("%2F", "/")}`);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(here);
  await expect(page.getByLabel("New task")).toHaveValue(title);

  await page.getByRole("button", { name: "Add", exact: true }).click();
  await expect(taskItem(page, title)).toBeVisible();
  // Saved, so no longer a draft: a reload starts empty.
  await page.reload();
  await expect(page.getByLabel("New task")).toHaveValue("");
  await otherTab.close();
});
