import type { APIResponse } from "@playwright/test";
import { expect, hydrated, signInViaUi, stackSettings, test } from "./fixtures";
import { freePort, startWeb } from "./support/servers";

/** The API started by global setup. */
function apiUrl(): string {
  const url = process.env.E2E_API_URL;
  if (!url) throw new Error("E2E_API_URL is not set: run the tests with Playwright (global setup)");
  return url;
}

const NONCE_SCRIPT_SRC =
  /(?:^|; )script-src 'self' 'nonce-([A-Za-z0-9+/]+={0,2})' 'strict-dynamic'(?:;|$)/;

/** The response's one Content-Security-Policy, checked to allow scripts by nonce only. */
function scriptNonce(response: APIResponse): string {
  const policies = response
    .headersArray()
    .filter(({ name }) => name.toLowerCase() === "content-security-policy");
  expect(policies, response.url()).toHaveLength(1);
  const policy = policies[0]?.value ?? "";
  const nonce = NONCE_SCRIPT_SRC.exec(policy)?.[1];
  expect(nonce, policy).toBeTruthy();
  return nonce as string;
}

/** Every `<script>` of the HTML, inline or not, carries the nonce of the response's policy. */
async function expectScriptsWithNonce(response: APIResponse, nonce: string): Promise<void> {
  const tags = [...(await response.text()).matchAll(/<script\b[^>]*>/g)].map(([tag]) => tag);
  expect(tags.length, response.url()).toBeGreaterThan(0);
  for (const tag of tags) expect(tag).toContain(` nonce="${nonce}"`);
}

test("dynamic pages allow scripts by a fresh nonce, which all their scripts carry", async ({
  page,
  request,
  user: _signedIn,
}) => {
  // Signed out, and not redirected: only /tasks and below need a session.
  const pages = { "/": 200, "/sign-in": 200, "/sign-up": 200, "/no-such-page": 404 };
  const responses = [];
  for (const [path, status] of Object.entries(pages)) {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(status);
    responses.push(response);
  }
  responses.push(await page.request.get("/tasks", { maxRedirects: 0 }));
  expect(responses.at(-1)?.status()).toBe(200);
  const nonces = new Set<string>();
  for (const response of responses) {
    const nonce = scriptNonce(response);
    await expectScriptsWithNonce(response, nonce);
    nonces.add(nonce);
    // Served with an http:// BETTER_AUTH_URL: no HSTS.
    expect(response.headers()["strict-transport-security"]).toBeUndefined();
  }
  expect(nonces.size).toBe(responses.length);
});

test("the pages and the API's /docs work under their policies without a single violation", async ({
  page,
  context,
  user,
  cspViolations,
}) => {
  await context.clearCookies();
  await page.goto("/");
  await hydrated(page);

  for (const path of ["/sign-in", "/sign-up"]) {
    await page.goto(path);
    await hydrated(page);
    // Client-side validation: the page's scripts run.
    await page.getByRole("button", { name: /^(Sign in|Create account)$/ }).click();
    await expect(page.getByText("Enter your email address")).toBeVisible();
  }

  // Signed in on /tasks: menus, the edit dialog and a toast each bring styles of their own.
  await signInViaUi(page, user);
  await expect(page).toHaveURL("/tasks");
  await hydrated(page);
  await page.getByLabel("New task").fill("Check the policy");
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await page.getByRole("button", { name: "Edit “Check the policy”" }).click();
  await expect(page.getByRole("dialog", { name: "Edit task" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toBeHidden();
  await page.getByRole("button", { name: /account menu/i }).click();
  await expect(page.getByRole("menuitem", { name: "Sign out" })).toBeVisible();
  await page.keyboard.press("Escape");
  await page.getByRole("button", { name: "Delete “Check the policy”" }).click();
  await expect(page.getByRole("button", { name: "Undo" })).toBeVisible();

  await page.goto(`${apiUrl()}/docs`);
  await expect(page.getByRole("heading", { name: /Todo API/ })).toBeVisible();
  // Swagger UI's own markup: open the first operation.
  await page.locator(".opblock-summary").first().click();
  await expect(page.locator(".opblock-body").first()).toBeVisible();

  expect(cspViolations).toEqual([]);
});

test("with an https:// BETTER_AUTH_URL, pages send HSTS", async ({ request }) => {
  const port = await freePort();
  const web = await startWeb(stackSettings(), {
    name: "https-web",
    port,
    apiUrl: apiUrl(),
    // TLS would end at a proxy in front; the header is readable over plain HTTP here.
    publicUrl: `https://localhost:${port}`,
  });
  try {
    for (const path of ["/", "/sign-in", "/tasks"]) {
      const response = await request.get(`${web.url}${path}`, { maxRedirects: 0 });
      expect(response.headers()["strict-transport-security"], path).toBe(
        "max-age=31536000; includeSubDomains",
      );
    }
  } finally {
    await web.stop();
  }
});
