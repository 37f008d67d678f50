import { readFileSync } from "node:fs";
import { join } from "node:path";
import { startSmtpSink } from "@todo/stack/smtp-sink";
import { expect, newUserData, stackSettings, test, waitForMail } from "./fixtures";
import { freePort, LOG_DIR, startWeb } from "./support/servers";

test("/dev/mail lists the outbox, and its links work", async ({ page, user }) => {
  await waitForMail(user.email, "Confirm your email address");
  await page.goto("/dev/mail");
  await expect(page.getByRole("heading", { name: "Outbox" })).toBeVisible();
  const message = page.getByRole("article").filter({ hasText: `To ${user.email}` });
  await expect(message.getByRole("heading")).toHaveText("Confirm your email address");
  await message.getByRole("link", { name: /\/api\/auth\/verify-email/ }).click();
  await expect(page).toHaveURL("/verify-email?status=verified");
  await expect(page.getByText("Your email address is confirmed.")).toBeVisible();
});

test.describe("in production", () => {
  test("/dev/mail does not exist, and mail goes to the SMTP server", async ({ request }) => {
    const sink = await startSmtpSink();
    const web = await startWeb(stackSettings(), {
      name: "production-web",
      port: await freePort(),
      apiUrl: process.env.E2E_API_URL as string,
      nodeEnv: "production",
      smtpUrl: sink.url,
    });
    try {
      expect((await request.get(`${web.url}/dev/mail`)).status()).toBe(404);

      // Production requires verification: the sign-up answers without a session and mails a link.
      const user = newUserData("smtp");
      const response = await request.post(`${web.url}/api/auth/sign-up/email`, {
        data: user,
        headers: { Origin: web.url },
      });
      expect(response.status()).toBe(200);
      expect((await response.json()).token).toBeNull();
      await expect
        .poll(() => sink.messages.find((raw) => raw.includes(`To: ${user.email}`)))
        .toContain("Subject: Confirm your email address");
    } finally {
      await web.stop();
      await sink.close();
    }
  });

  test("without SMTP_URL the web app refuses to start, saying why", async () => {
    const name = "production-no-smtp";
    await expect(
      startWeb(stackSettings(), {
        name,
        port: await freePort(),
        apiUrl: process.env.E2E_API_URL as string,
        nodeEnv: "production",
      }),
    ).rejects.toThrow(/did not start/);
    expect(readFileSync(join(LOG_DIR, `${name}.log`), "utf8")).toContain(
      "SMTP_URL is required when NODE_ENV=production",
    );
  });
});
