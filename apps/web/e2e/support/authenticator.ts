/**
 * An authenticator app for browser tests: reads the setup key the settings page shows and
 * computes codes with otpauth, as a phone would.
 *
 * The server accepts each time-step's code once, and the codes of the previous, current and
 * next 30-second steps. `nextCode()` hands out each step at most once, moving on to the next
 * one; when both usable steps are spent it waits for the clock, as a person waits for the app.
 */
import { type BrowserContext, expect, type Page } from "@playwright/test";
import { Secret, TOTP } from "otpauth";

const PERIOD_SECONDS = 30;
const currentStep = () => Math.floor(Date.now() / 1000 / PERIOD_SECONDS);

export class Authenticator {
  private readonly totp: TOTP;
  private lastStep = 0;

  constructor(setupKey: string) {
    this.totp = new TOTP({
      secret: Secret.fromBase32(setupKey.replace(/\s/g, "")),
      digits: 6,
      period: PERIOD_SECONDS,
      algorithm: "SHA1",
    });
  }

  async nextCode(): Promise<string> {
    const step = Math.max(currentStep(), this.lastStep + 1);
    await expect
      .poll(currentStep, { message: "waiting for the next TOTP step", timeout: 45_000 })
      .toBeGreaterThanOrEqual(step - 1);
    this.lastStep = step;
    return this.totp.generate({ timestamp: step * PERIOD_SECONDS * 1000 });
  }
}

/**
 * Turns two-factor on from /settings, through the whole flow (password, setup key, first code,
 * backup codes). Returns the authenticator and the ten backup codes.
 */
export async function enrolTotp(page: Page, password: string) {
  await page.goto("/settings");
  await page.getByRole("button", { name: "Set up two-factor authentication" }).click();
  await page.getByLabel("Confirm your password").fill(password);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("img", { name: /QR code/ })).toBeVisible();
  const authenticator = new Authenticator(
    (await page.getByTestId("totp-setup-key").textContent()) ?? "",
  );
  await page.getByLabel("Code from the app").fill(await authenticator.nextCode());
  await page.getByRole("button", { name: "Turn on" }).click();
  const codes = page.getByRole("list", { name: "Backup codes" }).getByRole("listitem");
  await expect(codes).toHaveCount(10);
  const backupCodes = await codes.allTextContents();
  await page.getByRole("button", { name: "Done" }).click();
  await expect(page.getByText("Status: On")).toBeVisible();
  return { authenticator, backupCodes };
}

/**
 * A virtual platform authenticator for `page` (the DevTools protocol's WebAuthn domain) that
 * holds discoverable credentials and verifies the user. Returns the session and its id.
 */
export async function addPasskeyAuthenticator(context: BrowserContext, page: Page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
    },
  });
  return { cdp, authenticatorId };
}
