import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { APIRequestContext } from "@playwright/test";
import {
  emailVerificationLinkToken,
  expect,
  expectStoredOnlyHashed,
  mailsTo,
  newUserData,
  signInViaUi,
  signOutViaUi,
  test,
  waitForMail,
} from "./fixtures";
import { LOG_DIR } from "./support/servers";

const CONFIRM_NEW_SUBJECT = "Confirm your new email address";
const CHANGED_SUBJECT = "Your Todo email address was changed";

test("a new email is confirmed from the new address, once; the old one is told; sign-in uses the new one", async ({
  page,
  user,
}) => {
  const newEmail = newUserData("moved").email;
  await page.goto("/settings");
  const section = page.getByRole("region", { name: "Email" });
  await section.getByLabel("New email address").fill(user.email.toUpperCase());
  await section.getByRole("button", { name: "Change email" }).click();
  await expect(section.getByText("This is already your email address")).toBeVisible();

  await section.getByLabel("New email address").fill(newEmail);
  await section.getByRole("button", { name: "Change email" }).click();
  await expect(section.getByRole("status")).toHaveText(
    `Check ${newEmail}: open the link we sent there to confirm the change.`,
  );
  await page.reload();
  await expect(page.getByTestId("current-email")).toHaveText(user.email);

  const mail = await waitForMail(newEmail, CONFIRM_NEW_SUBJECT);
  expect(mail.text).toContain("Confirm my new email address");
  expect(mail.html).toContain("Confirm my new email address");
  const [link] = mail.links;
  const token = emailVerificationLinkToken(link);
  await expectStoredOnlyHashed("email-verification-link", token);

  await page.goto(link as string);
  await expect(page).toHaveURL("/verify-email?status=email-changed");
  await expect(page.getByText("Your email address is changed.")).toBeVisible();
  const notice = await waitForMail(user.email, CHANGED_SUBJECT);
  expect(notice.text).toContain(`was changed to ${newEmail}`);
  expect(notice.html).toContain(newEmail);
  await page.goto("/settings");
  await expect(page.getByTestId("current-email")).toHaveText(newEmail);

  // The same link a second time.
  await page.goto(link as string);
  await expect(page.getByText("This link was already used.")).toBeVisible();

  await page.goto("/settings");
  await signOutViaUi(page);
  await signInViaUi(page, user);
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(
    "The email or password is incorrect.",
  );
  await signInViaUi(page, { email: newEmail, password: user.password });
  await expect(page).toHaveURL("/tasks");
  // The new address was proven by the link: no confirmation banner.
  await expect(page.getByText(/Please confirm your email address/)).toHaveCount(0);
  expect(readFileSync(join(LOG_DIR, "main-web.log"), "utf8")).not.toContain(token);
});

test("asking for an address that has an account answers the same and mails nothing there", async ({
  page,
  user,
  secondUser,
}) => {
  const taken = secondUser.user.email;
  const free = newUserData("free").email;
  await page.goto("/settings");
  const section = page.getByRole("region", { name: "Email" });
  for (const address of [taken, free]) {
    await section.getByLabel("New email address").fill(address);
    await section.getByRole("button", { name: "Change email" }).click();
    await expect(section.getByRole("status")).toHaveText(
      `Check ${address}: open the link we sent there to confirm the change.`,
    );
  }
  // The second request's mail is out, so the first one's would be too.
  await waitForMail(free, CONFIRM_NEW_SUBJECT);
  expect(await mailsTo(taken, CONFIRM_NEW_SUBJECT)).toEqual([]);
  await page.reload();
  await expect(page.getByTestId("current-email")).toHaveText(user.email);
});

test("mail to one new address is rate limited, whoever asks", async ({
  page,
  user: _signedIn,
  secondUser,
  baseURL,
}) => {
  const newEmail = newUserData("flooded").email;
  const ask = (request: APIRequestContext) =>
    request.post("/api/auth/change-email", {
      data: { newEmail },
      headers: { Origin: baseURL as string },
    });
  // Two accounts share the address's three mails per window.
  for (const request of [page.request, secondUser.context.request, page.request]) {
    expect((await ask(request)).status()).toBe(200);
  }
  const refused = await ask(secondUser.context.request);
  expect(refused.status()).toBe(429);
  expect((await refused.json()).message).toBe(
    "Too many emails to this address. Please try again later.",
  );
});
