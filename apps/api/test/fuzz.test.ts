import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_SECRET, testApp } from "./helpers";
import { fuzz } from "./support/fuzz";

/** A small seeded run; `npm run bench` runs the same fuzzer with at least 10,000 requests. */
describe("fuzzing every endpoint", () => {
  let app: Awaited<ReturnType<typeof testApp>>;
  beforeAll(async () => {
    app = await testApp();
  });
  afterAll(() => app.close());

  it("answers generated requests of several users without a 5xx, a leak or an undocumented response", async () => {
    const report = await fuzz(app, { runs: 400, seed: 20261124, secret: TEST_SECRET });
    expect(report.requests).toBeGreaterThanOrEqual(400);
    expect(report.bystanderUnchanged).toBe(true);
    // The run reached the handlers, not only the guards.
    for (const status of [200, 201, 401, 403, 404, 422]) {
      expect(report.statuses[status] ?? 0).toBeGreaterThan(0);
    }
  }, 120_000);
});
