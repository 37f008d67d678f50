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
 *   - `cspViolations` (automatic): what the Content-Security-Policy blocked in the default
 *     context's pages, one line each; any at all fails the test when it ends.
 * - `expect`: Playwright's expect.
 * - `newUserData(label?)`: `{ name, email, password }` for an account that does not exist yet.
 * - `signUpThroughApi(request, baseURL, user)`: creates the account; `request` must belong to
 *   the browser context that should be signed in (`page.request` or `context.request`).
 * - `signInThroughApi(request, baseURL, credentials)`: signs that browser context in (another
 *   session of an existing account); returns Better Auth's answer.
 * - `signUpViaUi(page, user, next?)` / `signInViaUi(page, credentials, next?)`: fill in and submit
 *   the /sign-up or /sign-in form (optionally with `?next=`); they do not wait for navigation.
 * - `hydrated(page)`: waits until React has hydrated the page (server-rendered controls are
 *   disabled until then, so a click or fill waits by itself: this is for checks of the scripts).
 * - `holdScripts(page, { containing? })`: holds the page's scripts (or those containing a text)
 *   back until `release()`.
 * - `openAccountMenu(page)`: opens the account menu.
 * - `signOutViaUi(page)`: opens the account menu and signs out; waits for /sign-in.
 * - `stackSettings()`: the database URLs (one per app's role), secret and mail outbox of this run, to start extra
 *   servers with `startStack` / `startWeb` from `./support/servers`.
 * - `waitForMail(to, subject?)`: waits for a message to `to` in the outbox (parsed from its .eml
 *   file; `subject` a string or pattern) and returns the newest; `mailsTo(to)` lists them now.
 * - `storedVerificationIdentifiers()`: the `identifier` column of Better Auth's verification table;
 *   `hashedIdentifier(plain)` is how it stores one (SHA-256, base64url);
 *   `expectStoredOnlyHashed(purpose, token)` checks the table has the token hashed and never plain;
 *   `emailVerificationLinkToken(link)` checks an emailed link is a verify-email one and returns its token.
 * - `saveScreenshot(page, testInfo, name)`: a full-page screenshot saved as
 *   test-results/<test>/<name>.png.
 */
import { createHash, randomBytes } from "node:crypto";
import {
  type APIRequestContext,
  type BrowserContext,
  test as base,
  expect,
  type Page,
  type TestInfo,
} from "@playwright/test";
import { type OutboxMessage, readOutbox } from "@todo/mail/outbox";
import pg from "pg";
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
  return {
    databaseUrls: { api: required("E2E_API_DATABASE_URL"), web: required("E2E_WEB_DATABASE_URL") },
    secret: required("E2E_SECRET"),
    mailOutboxDir: required("E2E_MAIL_OUTBOX_DIR"),
  };
}

/** The messages to `to` in this run's outbox, newest first. */
export async function mailsTo(to: string, subject?: string | RegExp): Promise<OutboxMessage[]> {
  const messages = await readOutbox(required("E2E_MAIL_OUTBOX_DIR"));
  return messages.filter(
    (message) =>
      message.to === to &&
      (subject === undefined ||
        (typeof subject === "string"
          ? message.subject === subject
          : subject.test(message.subject))),
  );
}

/** Waits until a message to `to` (with that subject) is in the outbox; returns the newest. */
export async function waitForMail(to: string, subject?: string | RegExp): Promise<OutboxMessage> {
  let newest: OutboxMessage | undefined;
  await expect
    .poll(
      async () => {
        [newest] = await mailsTo(to, subject);
        return newest !== undefined;
      },
      { message: `a message to ${to}${subject ? ` (${subject})` : ""} in the outbox` },
    )
    .toBe(true);
  return newest as OutboxMessage;
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

/** Resolves once React has hydrated the page (Next.js then exposes its router). */
export async function hydrated(page: Page): Promise<void> {
  await page.waitForFunction(
    () => (window as unknown as { next?: { router?: unknown } }).next?.router !== undefined,
  );
}

/**
 * Holds back the page's scripts until `release()`: what a slow network shows before hydration.
 * Navigate with `waitUntil: "commit"`: the deferred scripts hold DOMContentLoaded back too.
 * With `containing`, only the scripts whose code contains that text (a chunk loaded later,
 * found by a string of its own, as chunk names are hashes): the rest of the page loads.
 */
export async function holdScripts(
  page: Page,
  { containing }: { containing?: string } = {},
): Promise<{ release: () => void }> {
  let release = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route(
    (url) => url.pathname.startsWith("/_next/static/") && url.pathname.endsWith(".js"),
    async (route) => {
      if (containing === undefined) {
        await held;
        await route.continue();
        return;
      }
      const response = await route.fetch();
      if ((await response.text()).includes(containing)) await held;
      await route.fulfill({ response });
    },
  );
  return { release };
}

/** Opens the account menu; its button is served disabled, so the click waits for hydration. */
export async function openAccountMenu(page: Page): Promise<void> {
  await page.getByRole("button", { name: /account menu/i }).click();
  await expect(page.getByRole("menuitem", { name: "Sign out" })).toBeVisible();
}

export async function signOutViaUi(page: Page): Promise<void> {
  await openAccountMenu(page);
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await page.waitForURL("**/sign-in");
}

export async function storedVerificationIdentifiers(): Promise<string[]> {
  const client = new pg.Client({ connectionString: required("E2E_WEB_DATABASE_URL") });
  await client.connect();
  try {
    const { rows } = await client.query<{ identifier: string }>(
      "select identifier from verification",
    );
    return rows.map((row) => row.identifier);
  } finally {
    await client.end();
  }
}

export function hashedIdentifier(plain: string): string {
  return createHash("sha256").update(plain).digest("base64url");
}

/** The identifier stored for `<purpose>:<token>`, after checking the token itself is nowhere there. */
export async function expectStoredOnlyHashed(purpose: string, token: string): Promise<string> {
  const stored = hashedIdentifier(`${purpose}:${token}`);
  const identifiers = await storedVerificationIdentifiers();
  expect(identifiers).toContain(stored);
  expect(identifiers.join(" ")).not.toContain(token);
  return stored;
}

export function emailVerificationLinkToken(link: string | undefined): string {
  expect(link).toContain("/api/auth/verify-email?token=");
  return new URL(link as string).searchParams.get("token") as string;
}

export async function saveScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
}

interface Fixtures {
  user: TestUser;
  secondUser: { user: TestUser; context: BrowserContext; page: Page };
  cspViolations: string[];
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
  cspViolations: [
    async ({ context }, use) => {
      const violations: string[] = [];
      // Injected through DevTools, so the page's own policy does not block the listener.
      await context.exposeBinding("reportCspViolation", (_source, text: string) => {
        violations.push(text);
      });
      await context.addInitScript(() => {
        document.addEventListener(
          "securitypolicyviolation",
          (event) => {
            const report = (window as unknown as { reportCspViolation(text: string): void })
              .reportCspViolation;
            report(
              `${event.documentURI}: ${event.violatedDirective} blocked ${event.blockedURI} (${event.sourceFile}:${event.lineNumber})`,
            );
          },
          true,
        );
      });
      context.on("console", (message) => {
        if (message.text().includes("Content Security Policy")) violations.push(message.text());
      });
      await use(violations);
      expect(violations, "Content-Security-Policy violations").toEqual([]);
    },
    { auto: true },
  ],
  secondUser: async ({ browser, baseURL }, use) => {
    const context = await browser.newContext({ baseURL: baseURL as string });
    const user = newUserData("second");
    await signUpThroughApi(context.request, baseURL as string, user);
    const page = await context.newPage();
    await use({ user, context, page });
    await context.close();
  },
});
