import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["**/*.test.ts"],
    // The launcher is tested as `npm start` runs it: compiled.
    globalSetup: ["./build-setup.ts"],
    testTimeout: 60_000,
  },
});
