import { existsSync } from "node:fs";
import { defineConfig } from "@playwright/test";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./e2e/support/chromium";

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
  // None: a test that passes on a second try hides a race (ADRs 0040–0042 found three).
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
      args: CHROMIUM_ARGS,
    },
  },
});
