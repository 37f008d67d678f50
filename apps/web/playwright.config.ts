import { existsSync } from "node:fs";
import { defineConfig } from "@playwright/test";

/** Debian's Chromium (`apt-get install chromium`); a downloaded browser cannot run here. */
export const CHROMIUM_PATH = "/usr/bin/chromium";
if (!existsSync(CHROMIUM_PATH)) {
  throw new Error(
    `End-to-end tests need Chromium at ${CHROMIUM_PATH}. Install it with: apt-get install -y chromium`,
  );
}

export default defineConfig({
  testDir: "e2e",
  globalSetup: "./e2e/global-setup.ts",
  outputDir: "test-results",
  fullyParallel: false,
  // Two cores: one browser at a time keeps the servers responsive.
  workers: 1,
  forbidOnly: true,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    browserName: "chromium",
    headless: true,
    viewport: { width: 1280, height: 800 },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      // Playwright gives each launch a fresh user-data-dir.
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
});
