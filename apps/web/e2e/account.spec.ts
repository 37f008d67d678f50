import type { APIRequestContext, Browser } from "@playwright/test";
import {
  expect,
  holdScripts,
  openAccountMenu,
  signInThroughApi,
  signInViaUi,
  signOutViaUi,
  type TestUser,
  test,
} from "./fixtures";
import { expectRefusedWithinContract, tokenOf } from "./support/revocation";

const FIREFOX_ON_WINDOWS =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";

/** The same user signed in from another browser (its own cookies, optionally its own UA). */
async function otherBrowser(browser: Browser, baseURL: string, user: TestUser, userAgent?: string) {
  const context = await browser.newContext({ baseURL, ...(userAgent ? { userAgent } : {}) });
  await signInThroughApi(context.request, baseURL, user);
  return context;
}

/** Whether that browser's cookie still names a live session. */
async function signedIn(request: APIRequestContext): Promise<boolean> {
  const response = await request.get("/api/auth/get-session");
  return (await response.json()) !== null;
}

test("until the page has hydrated its controls are disabled, not dead; then they work", async ({
  page,
  user: _signedIn,
}) => {
  const { release } = await holdScripts(page);
  await page.goto("/settings", { waitUntil: "commit" });
  const menu = page.getByRole("button", { name: /account menu/i });
  await expect(menu).toBeDisabled();
  await expect(page.getByRole("button", { name: "Change password" })).toBeDisabled();
  await expect(page.getByLabel("Current password")).toBeDisabled();

  release();
  await expect(menu).toBeEnabled();
  await expect(page.getByRole("button", { name: "Change password" })).toBeEnabled();
  await menu.click();
  await expect(page.getByRole("menuitem", { name: "Sign out" })).toBeVisible();
});

test("the account menu leads to settings; the name can be changed", async ({ page, user }) => {
  await page.goto("/tasks");
  await openAccountMenu(page);
  await page.getByRole("menuitem", { name: "Settings" }).click();
  await expect(page).toHaveURL("/settings");
  await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
  await expect(page.getByTestId("current-email")).toHaveText(user.email);

  const name = page.getByLabel("Name", { exact: true });
  await expect(name).toHaveValue(user.name);
  await name.fill("   ");
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(page.getByText("Enter your name")).toBeVisible();

  await name.fill("Ada Lovelace");
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(page.getByText("Name saved.")).toBeVisible();
  await expect(page.getByRole("button", { name: /account menu/i })).toContainText("Ada Lovelace");
  await page.reload();
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("Ada Lovelace");
});

test("changing the password refuses the old one and signs the other browsers out", async ({
  page,
  user,
  browser,
  baseURL,
}) => {
  const other = await otherBrowser(browser, baseURL as string, user);
  expect(await signedIn(other.request)).toBe(true);
  const otherToken = await tokenOf(other.request);

  await page.goto("/settings");
  const section = page.getByRole("region", { name: "Password" });
  await section.getByLabel("Current password").fill("not-the-password");
  await section.getByLabel("New password").fill("a brand new password");
  await section.getByRole("button", { name: "Change password" }).click();
  await expect(section.getByText("The current password is incorrect")).toBeVisible();
  await expect(section.getByLabel("New password")).toHaveValue("a brand new password");

  await section.getByLabel("Current password").fill(user.password);
  await section.getByRole("button", { name: "Change password" }).click();
  await expect(section.getByText("Password changed.")).toBeVisible();

  // The other browser's next request is not signed in, its token is refused; this one still is.
  expect(await signedIn(other.request)).toBe(false);
  await expectRefusedWithinContract(page.request, otherToken);
  const otherPage = await other.newPage();
  await otherPage.goto("/tasks");
  await expect(otherPage).toHaveURL("/sign-in?next=/tasks");
  await other.close();
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();

  await signOutViaUi(page);
  await signInViaUi(page, user);
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(
    "The email or password is incorrect.",
  );
  await signInViaUi(page, { email: user.email, password: "a brand new password" });
  await expect(page).toHaveURL("/tasks");
});

test("sessions show browser and OS, mark this device, and one can be ended", async ({
  page,
  user,
  browser,
  baseURL,
}) => {
  const other = await otherBrowser(browser, baseURL as string, user, FIREFOX_ON_WINDOWS);
  const otherToken = await tokenOf(other.request);
  await page.goto("/settings");
  const sessions = page.getByTestId("session");
  await expect(sessions).toHaveCount(2);
  const here = sessions.filter({ hasText: "This device" });
  await expect(here).toHaveCount(1);
  await expect(here).toContainText(/Chrome \d+ on Linux/);
  await expect(here).toContainText(/IP \S+/);
  await expect(here).toContainText(/Signed in .+ · Last active .+/);
  await expect(here.getByRole("button", { name: "End session" })).toHaveCount(0);

  const firefox = sessions.filter({ hasText: "Firefox 133 on Windows 10" });
  await expect(firefox).not.toContainText("This device");
  await firefox.getByRole("button", { name: "End session" }).click();
  await expect(sessions).toHaveCount(1);
  expect(await signedIn(other.request)).toBe(false);
  await expectRefusedWithinContract(page.request, otherToken);
  expect(await signedIn(page.request)).toBe(true);
  await other.close();
});

test("“Sign out everywhere else” ends every other session and keeps this one", async ({
  page,
  user,
  browser,
  baseURL,
}) => {
  const others = [
    await otherBrowser(browser, baseURL as string, user, FIREFOX_ON_WINDOWS),
    await otherBrowser(browser, baseURL as string, user),
  ];
  const otherTokens = await Promise.all(others.map((other) => tokenOf(other.request)));
  await page.goto("/settings");
  await expect(page.getByTestId("session")).toHaveCount(3);
  await page.getByRole("button", { name: "Sign out everywhere else" }).click();
  await expect(page.getByTestId("session")).toHaveCount(1);
  await expect(page.getByRole("button", { name: "Sign out everywhere else" })).toBeDisabled();
  for (const other of others) {
    expect(await signedIn(other.request)).toBe(false);
    await other.close();
  }
  for (const token of otherTokens) await expectRefusedWithinContract(page.request, token);
  expect(await signedIn(page.request)).toBe(true);
  expect((await page.request.get("/api/auth/token")).status()).toBe(200);
});

test("/settings without a session goes to sign-in and comes back", async ({
  page,
  context,
  user,
}) => {
  await context.clearCookies();
  await page.goto("/settings");
  await expect(page).toHaveURL("/sign-in?next=/settings");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL("/settings");
});
