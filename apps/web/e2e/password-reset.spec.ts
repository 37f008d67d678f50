import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  expect,
  expectStoredOnlyHashed,
  mailsTo,
  newUserData,
  signInThroughApi,
  signInViaUi,
  signUpThroughApi,
  storedVerificationIdentifiers,
  test,
  waitForMail,
} from "./fixtures";
import { LOG_DIR } from "./support/servers";

const RESET_SUBJECT = "Reset your Todo password";
const WRONG_CREDENTIALS = "The email or password is incorrect.";

test("a reset link sets a new password once, and every session ends", async ({
  page,
  context,
  browser,
  baseURL,
  user,
}) => {
  // Another device, signed in with the old password.
  const other = await browser.newContext({ baseURL: baseURL as string });
  await signInThroughApi(other.request, baseURL as string, user);
  const session = async () =>
    (await (await other.request.get("/api/auth/get-session")).json())?.user;
  expect(await session()).toMatchObject({ email: user.email });

  await context.clearCookies();
  await page.goto("/sign-in");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page).toHaveURL("/forgot-password");
  await page.getByLabel("Email").fill(user.email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByRole("status")).toContainText(`If an account exists for ${user.email}`);

  const mail = await waitForMail(user.email, RESET_SUBJECT);
  expect(mail.html).toContain("Choose a new password");
  const [link] = mail.links;
  const token = new URL(link as string).pathname.split("/").pop() as string;
  // Stored as a hash only, and gone once used (below).
  const stored = await expectStoredOnlyHashed("reset-password", token);
  await page.goto(link as string);
  await expect(page).toHaveURL(/\/reset-password\?token=/);
  const newPassword = `new-${user.password}`;
  await page.getByLabel("New password").fill("short");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByText("Use at least 8 characters")).toBeVisible();
  await page.getByLabel("New password").fill(newPassword);
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByRole("status")).toContainText("Your password is changed");
  expect(await storedVerificationIdentifiers()).not.toContain(stored);

  // The other device's next request to the web app is unauthenticated.
  expect(await session()).toBeUndefined();
  const otherPage = await other.newPage();
  await otherPage.goto("/tasks");
  await expect(otherPage).toHaveURL("/sign-in?next=/tasks");
  await other.close();

  await signInViaUi(page, user);
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(WRONG_CREDENTIALS);
  await signInViaUi(page, { email: user.email, password: newPassword });
  await expect(page).toHaveURL("/tasks");

  // The link a second time.
  await page.goto(link as string);
  await expect(page).toHaveURL("/reset-password?error=INVALID_TOKEN");
  await expect(page.getByText("This link has expired or was already used.")).toBeVisible();
  expect(readFileSync(join(LOG_DIR, "main-web.log"), "utf8")).not.toContain(token);
});

test("asking for a reset answers the same whether or not the address has an account", async ({
  page,
  request,
  baseURL,
}) => {
  // Three messages per address per 15-minute window of the clock, counted alike for both
  // addresses: the first request and the limited ones must fall in one window.
  const WINDOW_MS = 15 * 60_000;
  test.setTimeout(150_000);
  await expect
    .poll(() => WINDOW_MS - (Date.now() % WINDOW_MS), { timeout: 70_000 })
    .toBeGreaterThan(60_000);
  const known = newUserData("known");
  await signUpThroughApi(request, baseURL as string, known);
  const unknown = newUserData("unknown");
  const ask = async (email: string) => {
    const response = await request.post("/api/auth/request-password-reset", {
      data: { email },
      headers: { Origin: baseURL as string },
    });
    return { status: response.status(), body: await response.text() };
  };

  const answers = [await ask(known.email), await ask(unknown.email)];
  expect(answers[0]?.status).toBe(200);
  expect(answers[1]).toEqual(answers[0]);
  await waitForMail(known.email, RESET_SUBJECT);

  for (const email of [known.email, unknown.email]) {
    expect((await ask(email)).status).toBe(200);
    expect((await ask(email)).status).toBe(200);
    const response = await request.post("/api/auth/request-password-reset", {
      data: { email },
      headers: { Origin: baseURL as string },
    });
    expect(response.status()).toBe(429);
    expect(Number(response.headers()["x-retry-after"])).toBeGreaterThan(0);
  }
  await expect.poll(async () => (await mailsTo(known.email, RESET_SUBJECT)).length).toBe(3);

  // The form says the same for an unknown address, and shows the wait when limited.
  await page.goto("/forgot-password");
  await page.getByLabel("Email").fill(newUserData("nobody").email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByRole("status")).toContainText("If an account exists for");
  await page.goto("/forgot-password");
  await page.getByLabel("Email").fill(unknown.email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(
    /Too many attempts\. Please wait \d+ (minutes|seconds)/,
  );
});

test("a reset page without a valid token says the link is not usable", async ({ page }) => {
  await page.goto("/reset-password");
  await expect(page.getByText("This link has expired or was already used.")).toBeVisible();
  await page.goto("/reset-password?token=made-up");
  await page.getByLabel("New password").fill("a-good-new-password");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByText("This link has expired or was already used.")).toBeVisible();
  await page.getByRole("link", { name: "Get a new link" }).click();
  await expect(page).toHaveURL("/forgot-password");
});
