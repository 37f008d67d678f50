import { expect, signInThroughApi, signInViaUi, signOutViaUi, test } from "./fixtures";
import { enrolTotp } from "./support/authenticator";

// Sign-ins with a second step take a while on a busy two-core machine.
test.describe.configure({ timeout: 120_000 });

const WRONG_CODE = "That code is not right. Enter the code your app shows now.";

test("with two-factor on, sign-in asks for a code, keeps `next`, and takes each code once", async ({
  page,
  user,
}) => {
  const { authenticator, backupCodes } = await enrolTotp(page, user.password);
  await signOutViaUi(page);

  await signInViaUi(page, user, "/settings");
  await expect(page).toHaveURL("/sign-in/two-factor?next=/settings");
  await expect(page.getByRole("heading", { name: "Two-factor authentication" })).toBeVisible();
  await page.getByLabel("Authentication code").fill("12345");
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByText("Enter the 6-digit code")).toBeVisible();

  const code = await authenticator.nextCode();
  await page.getByLabel("Authentication code").fill(code);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL("/settings");
  await expect(page.getByText("Status: On")).toBeVisible();

  // The same code again, while the clock still accepts it: refused.
  await signOutViaUi(page);
  await signInViaUi(page, user);
  await expect(page).toHaveURL(/\/sign-in\/two-factor/);
  await page.getByLabel("Authentication code").fill(code);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(WRONG_CODE);
  await expect(page.getByLabel("Authentication code")).toHaveValue(code);
  // The challenge itself is still good.
  await page.getByRole("button", { name: "Use a backup code instead" }).click();
  await page.getByLabel("Backup code").fill(backupCodes[0] as string);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL("/tasks");
});

test("a backup code signs in once; the second time it is refused", async ({ page, user }) => {
  const { backupCodes } = await enrolTotp(page, user.password);
  const [first, second] = backupCodes as [string, string];

  for (const [code, outcome] of [
    [first, "signed in"],
    [first, "refused"],
  ] as const) {
    await signOutViaUi(page);
    await signInViaUi(page, user);
    await page.getByRole("button", { name: "Use a backup code instead" }).click();
    await page.getByLabel("Backup code").fill(code);
    await page.getByRole("button", { name: "Verify" }).click();
    if (outcome === "signed in") await expect(page).toHaveURL("/tasks");
  }
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(
    "That backup code is not right, or it has been used already.",
  );
  await page.getByLabel("Backup code").fill(second);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL("/tasks");
});

test("a trusted device skips the code next time; other browsers still get asked", async ({
  page,
  user,
  browser,
  baseURL,
}) => {
  const { authenticator } = await enrolTotp(page, user.password);
  await signOutViaUi(page);
  await signInViaUi(page, user);
  await page.getByLabel("Authentication code").fill(await authenticator.nextCode());
  await page.getByLabel("Trust this device for 30 days").check();
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL("/tasks");

  await signOutViaUi(page);
  await signInViaUi(page, user);
  await expect(page).toHaveURL("/tasks");

  const other = await browser.newContext({ baseURL: baseURL as string });
  expect(await signInThroughApi(other.request, baseURL as string, user)).toMatchObject({
    twoFactorRedirect: true,
  });
  await other.close();
});

test("turning two-factor off needs the password and a code", async ({ page, user, baseURL }) => {
  const { authenticator } = await enrolTotp(page, user.password);

  // Better Auth's own endpoint asks only for the password; this app also wants a code.
  const withoutCode = await page.request.post("/api/auth/two-factor/disable", {
    data: { password: user.password },
    headers: { Origin: baseURL as string },
  });
  expect(withoutCode.status()).toBe(400);
  expect(await withoutCode.json()).toMatchObject({ code: "TWO_FACTOR_CODE_REQUIRED" });

  const code = await authenticator.nextCode();
  const form = page.getByRole("region", { name: "Two-factor authentication" });
  await form.getByLabel("Password").fill("not-the-password");
  await form.getByLabel("Authentication code").fill(code);
  await form.getByRole("button", { name: "Turn off two-factor authentication" }).click();
  await expect(form.getByRole("alert")).toHaveText("The password is incorrect.");

  await form.getByLabel("Password").fill(user.password);
  await form.getByLabel("Authentication code").fill(code === "000000" ? "000001" : "000000");
  await form.getByRole("button", { name: "Turn off two-factor authentication" }).click();
  await expect(form.getByRole("alert")).toContainText("That code is not right.");
  await expect(form.getByText("Status: On")).toBeVisible();

  // The code was not spent by the wrong password.
  await form.getByLabel("Authentication code").fill(code);
  await form.getByRole("button", { name: "Turn off two-factor authentication" }).click();
  await expect(form.getByText("Status: Off")).toBeVisible();

  await signOutViaUi(page);
  await signInViaUi(page, user);
  await expect(page).toHaveURL("/tasks");
});

test("two-factor can be turned off with a backup code", async ({ page, user }) => {
  const { backupCodes } = await enrolTotp(page, user.password);
  const form = page.getByRole("region", { name: "Two-factor authentication" });
  await form.getByLabel("Password").fill(user.password);
  await form.getByLabel("Authentication code").fill(backupCodes[3] as string);
  await form.getByRole("button", { name: "Turn off two-factor authentication" }).click();
  await expect(form.getByText("Status: Off")).toBeVisible();
});

test("Better Auth's own order also turns it off: verify a code, then disable with the password", async ({
  page,
  user,
  baseURL,
}) => {
  const { authenticator } = await enrolTotp(page, user.password);
  const headers = { Origin: baseURL as string };
  const verified = await page.request.post("/api/auth/two-factor/verify-totp", {
    data: { code: await authenticator.nextCode() },
    headers,
  });
  expect(verified.status()).toBe(200);
  const disabled = await page.request.post("/api/auth/two-factor/disable", {
    data: { password: user.password },
    headers,
  });
  expect(disabled.status()).toBe(200);
  await page.reload();
  await expect(page.getByText("Status: Off")).toBeVisible();
});
