/**
 * Playwright fixtures for the web app's browser tests. Import `test` and `expect` from here
 * instead of from `@playwright/test`.
 *
 * Exports
 * - `test`: Playwright's test with these fixtures:
 *   - `baseURL`: the web app started by global setup (relative `page.goto("/tasks")` works).
 *   - `user`: a fresh account (unique email), signed up through Better Auth's endpoint; the
 *     default `page` and `context` are signed in as this user. `{ name, email, password }`.
 *   - `secondUser`: another fresh account in its own browser context, signed in:
 *     `{ user, context, page }`. Use it to check that two users never see each other's data.
 * - `expect`: Playwright's expect.
 * - `newUserData(label?)`: `{ name, email, password }` for an account that does not exist yet.
 * - `signUpThroughApi(request, baseURL, user)`: creates the account; `request` must belong to
 *   the browser context that should be signed in (`page.request` or `context.request`).
 * - `signInThroughApi(request, baseURL, credentials)`: signs that browser context in (another
 *   session of an existing account); returns Better Auth's answer.
 * - `signUpViaUi(page, user, next?)` / `signInViaUi(page, credentials, next?)`: fill in and submit
 *   the /sign-up or /sign-in form (optionally with `?next=`); they do not wait for navigation.
 * - `signOutViaUi(page)`: opens the account menu and signs out; waits for /sign-in.
 * - `stackSettings()`: the database URL and secret of this run, to start extra servers with
 *   `startStack` / `startWeb` from `./support/servers`.
 * - `saveScreenshot(page, testInfo, name)`: a full-page screenshot saved as
 *   test-results/<test>/<name>.png.
 */
import { randomBytes } from "node:crypto";
import {
  type APIRequestContext,
  type BrowserContext,
  test as base,
  expect,
  type Page,
  type TestInfo,
} from "@playwright/test";
import type { StackSettings } from "./support/servers";

export { expect };

export interface TestUser {
  name: string;
  email: string;
  password: string;
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests with Playwright (global setup)`);
  return value;
}

export function stackSettings(): StackSettings {
  return { databaseUrl: required("E2E_DATABASE_URL"), secret: required("E2E_SECRET") };
}

export function newUserData(label = "user"): TestUser {
  const id = randomBytes(5).toString("hex");
  return {
    name: `Test ${label} ${id}`,
    email: `${label}-${id}@example.test`,
    password: `pw-${randomBytes(8).toString("hex")}`,
  };
}

export async function signUpThroughApi(
  request: APIRequestContext,
  baseURL: string,
  user: TestUser,
): Promise<void> {
  const response = await request.post(`${baseURL}/api/auth/sign-up/email`, {
    data: user,
    headers: { Origin: baseURL },
  });
  if (!response.ok()) {
    throw new Error(`sign-up failed: ${response.status()} ${await response.text()}`);
  }
}

export async function signInThroughApi(
  request: APIRequestContext,
  baseURL: string,
  credentials: Pick<TestUser, "email" | "password">,
): Promise<{ twoFactorRedirect?: boolean }> {
  const response = await request.post(`${baseURL}/api/auth/sign-in/email`, {
    data: { email: credentials.email, password: credentials.password },
    headers: { Origin: baseURL },
  });
  if (!response.ok()) {
    throw new Error(`sign-in failed: ${response.status()} ${await response.text()}`);
  }
  return response.json();
}

function withNext(path: string, next?: string): string {
  return next ? `${path}?next=${encodeURIComponent(next)}` : path;
}

export async function signUpViaUi(page: Page, user: TestUser, next?: string): Promise<void> {
  await page.goto(withNext("/sign-up", next));
  await page.getByLabel("Name").fill(user.name);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Create account" }).click();
}

export async function signInViaUi(
  page: Page,
  credentials: Pick<TestUser, "email" | "password">,
  next?: string,
): Promise<void> {
  await page.goto(withNext("/sign-in", next));
  await page.getByLabel("Email").fill(credentials.email);
  await page.getByLabel("Password").fill(credentials.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function signOutViaUi(page: Page): Promise<void> {
  await page.getByRole("button", { name: /account menu/i }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await page.waitForURL("**/sign-in");
}

export async function saveScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
}

interface Fixtures {
  user: TestUser;
  secondUser: { user: TestUser; context: BrowserContext; page: Page };
}

export const test = base.extend<Fixtures>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads fixture dependencies from the pattern.
  baseURL: async ({}, use) => {
    await use(required("E2E_WEB_URL"));
  },
  user: async ({ context, baseURL }, use) => {
    const user = newUserData("first");
    await signUpThroughApi(context.request, baseURL as string, user);
    await use(user);
  },
  secondUser: async ({ browser, baseURL }, use) => {
    const context = await browser.newContext({ baseURL: baseURL as string });
    const user = newUserData("second");
    await signUpThroughApi(context.request, baseURL as string, user);
    const page = await context.newPage();
    await use({ user, context, page });
    await context.close();
  },
});
