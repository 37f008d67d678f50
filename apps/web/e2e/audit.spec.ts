import { createHmac, hkdfSync } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { APIRequestContext } from "@playwright/test";
import {
  expect,
  newUserData,
  signInThroughApi,
  stackSettings,
  test,
  waitForMail,
} from "./fixtures";
import { addPasskeyAuthenticator, enrolTotp } from "./support/authenticator";
import { tokenOf } from "./support/revocation";
import { LOG_DIR } from "./support/servers";

test.describe.configure({ timeout: 180_000 });

interface AuditLine {
  msg: string;
  event: string;
  user_id?: string;
  email_hash?: string;
  ip: string | null;
}

const webLog = () => readFileSync(join(LOG_DIR, "main-web.log"), "utf8");

function auditLines(): AuditLine[] {
  return webLog()
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as AuditLine)
    .filter((line) => line.msg === "audit");
}

/** The keyed hash the audit trail writes for an address (src/lib/audit.ts). */
function emailHash(email: string): string {
  const key = Buffer.from(
    hkdfSync("sha256", stackSettings().secret, "", "todo email digest v1", 32),
  );
  return createHmac("sha256", key).update(email.toLowerCase()).digest("base64url");
}

const post = (request: APIRequestContext, baseURL: string, path: string, data: object = {}) =>
  request.post(`/api/auth${path}`, { data, headers: { Origin: baseURL } });

test("each account change writes one audit line: hashed email and IP, never a token or link", async ({
  page,
  context,
  browser,
  baseURL,
  user,
}) => {
  const base = baseURL as string;
  const userId = (await (await page.request.get("/api/auth/get-session")).json()).user.id;
  const secrets: string[] = [user.email, user.password];

  // Email verification.
  const verification = await waitForMail(user.email, "Confirm your email address");
  secrets.push(verification.links[0] as string);
  await page.goto(verification.links[0] as string);
  await expect(page.getByText("Your email address is confirmed.")).toBeVisible();

  // Password reset: requested, then completed (every session ends).
  expect(
    (await post(page.request, base, "/request-password-reset", { email: user.email })).status(),
  ).toBe(200);
  const reset = await waitForMail(user.email, "Reset your Todo password");
  const resetLink = reset.links[0] as string;
  const resetToken = new URL(resetLink).pathname.split("/").pop() as string;
  secrets.push(resetLink, resetToken);
  const password = `${user.password}-reset`;
  const completed = await post(page.request, base, "/reset-password", {
    token: resetToken,
    newPassword: password,
  });
  expect(completed.status()).toBe(200);
  await signInThroughApi(page.request, base, { email: user.email, password });

  // Email change: asked for, then confirmed from the new address.
  const newEmail = newUserData("audited").email;
  secrets.push(newEmail);
  expect((await post(page.request, base, "/change-email", { newEmail })).status()).toBe(200);
  const confirm = await waitForMail(newEmail, "Confirm your new email address");
  secrets.push(confirm.links[0] as string);
  await page.goto(confirm.links[0] as string);
  await expect(page.getByText("Your email address is changed.")).toBeVisible();
  const credentials = { email: newEmail, password };

  // Sessions: one ended from here, then every other one, then all of them.
  const others = [
    await browser.newContext({ baseURL: base }),
    await browser.newContext({ baseURL: base }),
  ];
  for (const other of others) await signInThroughApi(other.request, base, credentials);
  const current = (await (await page.request.get("/api/auth/get-session")).json()).session;
  const sessions = (await (await page.request.get("/api/auth/list-sessions")).json()) as {
    id: string;
    token: string;
  }[];
  secrets.push(...sessions.map((session) => session.token), await tokenOf(page.request));
  const another = sessions.find((session) => session.id !== current.id);
  expect(
    (await post(page.request, base, "/revoke-session", { token: another?.token })).status(),
  ).toBe(200);
  expect((await post(page.request, base, "/revoke-other-sessions")).status()).toBe(200);
  expect((await post(page.request, base, "/revoke-sessions")).status()).toBe(200);
  for (const other of others) await other.close();
  await signInThroughApi(page.request, base, credentials);

  // Two-factor on, then off (password and a backup code).
  const { backupCodes } = await enrolTotp(page, password);
  secrets.push(...backupCodes);
  const disabled = await post(page.request, base, "/two-factor/disable", {
    password,
    code: backupCodes[0],
  });
  expect(disabled.status()).toBe(200);

  // A passkey added, then removed.
  await addPasskeyAuthenticator(context, page);
  await page.goto("/settings");
  const passkeys = page.getByRole("region", { name: "Passkeys" });
  await passkeys.getByRole("button", { name: "Add a passkey" }).click();
  await expect(passkeys.getByTestId("passkey")).toHaveCount(1);
  await passkeys.getByTestId("passkey").getByRole("button", { name: "Remove" }).click();
  await expect(passkeys.getByText("No passkeys yet.")).toBeVisible();

  const expected = [
    "email.verified",
    "password_reset.completed",
    "email_change.requested",
    "email_change.completed",
    "session.ended",
    "sessions.ended_elsewhere",
    "sessions.ended_everywhere",
    "two_factor.enabled",
    "two_factor.disabled",
    "passkey.added",
    "passkey.removed",
  ];
  let mine: AuditLine[] = [];
  await expect
    .poll(() => {
      mine = auditLines().filter(
        (line) => line.user_id === userId && expected.includes(line.event),
      );
      return mine.map((line) => line.event);
    })
    .toEqual(expected);
  // The account's address when each change was made: the new one once it was asked for.
  const beforeChange = ["email.verified", "password_reset.completed"];
  for (const line of mine) {
    expect(line.ip, line.event).toEqual(expect.any(String));
    const address = beforeChange.includes(line.event) ? user.email : newEmail;
    expect(line.email_hash, line.event).toBe(emailHash(address));
  }
  // Asked for by address, whether or not it has an account: no user id, only the hash.
  expect(
    auditLines().filter(
      (line) =>
        line.event === "password_reset.requested" && line.email_hash === emailHash(user.email),
    ),
  ).toHaveLength(1);

  const log = webLog();
  for (const secret of secrets) expect(log).not.toContain(secret);
});
