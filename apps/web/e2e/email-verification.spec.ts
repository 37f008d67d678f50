import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { APIRequestContext } from "@playwright/test";
import { SignJWT } from "jose";
import {
  emailVerificationLinkToken,
  expect,
  expectStoredOnlyHashed,
  mailsTo,
  newUserData,
  signUpViaUi,
  stackSettings,
  storedVerificationIdentifiers,
  type TestUser,
  test,
  waitForMail,
} from "./fixtures";
import { LOG_DIR, startStack } from "./support/servers";

const CONFIRM_SUBJECT = "Confirm your email address";
const BANNER = /Please confirm your email/;

test("sign-up mails a link that confirms the address once; the banner then goes away", async ({
  page,
}) => {
  const user = newUserData("verify");
  await signUpViaUi(page, user);
  await expect(page).toHaveURL("/tasks");
  await expect(page.getByRole("region", { name: "Email confirmation" })).toContainText(BANNER);

  const mail = await waitForMail(user.email, CONFIRM_SUBJECT);
  expect(mail.html).toContain("Confirm my email address");
  const [link] = mail.links;
  const token = emailVerificationLinkToken(link);
  const stored = await expectStoredOnlyHashed("email-verification-link", token);

  await page.goto(link as string);
  await expect(page).toHaveURL("/verify-email?status=verified");
  await expect(page.getByText("Your email address is confirmed.")).toBeVisible();
  expect(await storedVerificationIdentifiers()).not.toContain(stored);
  await page.getByRole("link", { name: "Go to your tasks" }).click();
  await expect(page).toHaveURL("/tasks");
  await expect(page.getByRole("heading", { name: "Tasks", exact: true })).toBeVisible();
  await expect(page.getByText(BANNER)).toHaveCount(0);

  // The same link a second time.
  await page.goto(link as string);
  await expect(page.getByText("This link was already used.")).toBeVisible();
  expect(readFileSync(join(LOG_DIR, "main-web.log"), "utf8")).not.toContain(token);
});

test("the banner's button mails a new link, and the new link confirms the address", async ({
  page,
  user,
}) => {
  await waitForMail(user.email, CONFIRM_SUBJECT);
  await page.goto("/tasks");
  await page.getByRole("button", { name: "Email me a new link" }).click();
  await expect(page.getByRole("status").filter({ hasText: "We sent a new link" })).toBeVisible();
  await expect.poll(async () => (await mailsTo(user.email, CONFIRM_SUBJECT)).length).toBe(2);

  const newest = await waitForMail(user.email, CONFIRM_SUBJECT);
  await page.goto(newest.links[0] as string);
  await expect(page.getByText("Your email address is confirmed.")).toBeVisible();
  await page.goto("/tasks");
  await expect(page.getByRole("heading", { name: "Tasks", exact: true })).toBeVisible();
  await expect(page.getByText(BANNER)).toHaveCount(0);
});

test("an expired link says so; an API token is no verification link", async ({ page, user }) => {
  const { secret } = stackSettings();
  const session = await (await page.request.get("/api/auth/get-session")).json();
  const expired = await new SignJWT({ email: user.email, userId: session.user.id })
    .setProtectedHeader({ alg: "HS256" })
    .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
    .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
    .sign(new TextEncoder().encode(secret));
  await page.goto(`/api/auth/verify-email?token=${expired}&callbackURL=/verify-email`);
  await expect(page.getByText("This link has expired.")).toBeVisible();

  // In HS256 mode API tokens are signed with the same secret and carry `email`: Better Auth alone
  // would take one for a verification link and confirm an address nobody opened mail at.
  const { token } = await (await page.request.get("/api/auth/token")).json();
  const answer = await page.request.get(`/api/auth/verify-email?token=${token}`);
  expect(answer.status()).toBe(401);
  expect(await answer.json()).toMatchObject({ code: "LINK_ALREADY_USED" });
  const after = await (await page.request.get("/api/auth/get-session")).json();
  expect(after.user.emailVerified).toBe(false);
});

test.describe("with REQUIRE_EMAIL_VERIFICATION=true", () => {
  let stack: Awaited<ReturnType<typeof startStack>>;

  test.beforeAll(async () => {
    stack = await startStack(stackSettings(), { name: "verify", requireEmailVerification: true });
  });
  test.afterAll(async () => {
    await stack?.stop();
  });

  async function signUp(request: APIRequestContext, user: TestUser) {
    const response = await request.post(`${stack.webUrl}/api/auth/sign-up/email`, {
      data: user,
      headers: { Origin: stack.webUrl },
    });
    return {
      status: response.status(),
      body: await response.json(),
      cookies: response.headersArray().filter(({ name }) => name.toLowerCase() === "set-cookie"),
    };
  }

  test("sign-up signs nobody in and answers the same for an address that has an account", async ({
    playwright,
  }) => {
    const request = await playwright.request.newContext();
    const owner = newUserData("owner");
    const first = await signUp(request, owner);
    const again = await signUp(request, { ...newUserData("intruder"), email: owner.email });

    for (const answer of [first, again]) {
      expect(answer.status).toBe(200);
      expect(answer.body.token).toBeNull();
      expect(Object.keys(answer.body.user).sort()).toEqual(Object.keys(first.body.user).sort());
      expect(answer.body.user.email).toBe(owner.email);
      expect(answer.body.user.emailVerified).toBe(false);
      expect(answer.cookies).toEqual([]);
    }
    // The owner learns of the attempt; the intruder learns nothing.
    const notice = await waitForMail(owner.email, "You already have a Todo account");
    expect(notice.text).toContain(`${stack.webUrl}/forgot-password`);
    await waitForMail(owner.email, CONFIRM_SUBJECT);
    await request.dispose();
  });

  test("an unconfirmed address cannot sign in until its link is opened", async ({ page }) => {
    const user = newUserData("pending");
    await page.goto(`${stack.webUrl}/sign-up`);
    await page.getByLabel("Name").fill(user.name);
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill(user.password);
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
    await expect(page).toHaveURL(`${stack.webUrl}/sign-up`);
    expect(
      await (await page.request.get(`${stack.webUrl}/api/auth/get-session`)).json(),
    ).toBeNull();

    // Wrong password: the usual answer, nothing about verification.
    await page.goto(`${stack.webUrl}/sign-in`);
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toHaveText(
      "The email or password is incorrect.",
    );

    await page.getByLabel("Password").fill(user.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    const refusal = page.getByRole("main").getByRole("alert");
    await expect(refusal).toContainText("Please confirm your email address first");
    await expect(page).toHaveURL(`${stack.webUrl}/sign-in`);
    await waitForMail(user.email, CONFIRM_SUBJECT);
    await refusal.getByRole("button", { name: "Email me a new link" }).click();
    await expect(refusal.getByRole("status")).toHaveText(`We sent a new link to ${user.email}.`);
    await expect.poll(async () => (await mailsTo(user.email, CONFIRM_SUBJECT)).length).toBe(2);

    const newest = await waitForMail(user.email, CONFIRM_SUBJECT);
    await page.goto(newest.links[0] as string);
    await expect(page.getByText("Your email address is confirmed.")).toBeVisible();
    await page.getByRole("link", { name: "Sign in" }).click();
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill(user.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(`${stack.webUrl}/tasks`);
    await expect(page.getByText(BANNER)).toHaveCount(0);
  });
});
