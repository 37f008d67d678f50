/** The fuzzer of `npm test` (test/support/fuzz.ts), with FUZZ_RUNS requests (default 10,000). */
import { buildApp } from "../src/app";
import { type FuzzReport, fuzz } from "../test/support/fuzz";
import { AUTH_URL, QUICK, SECRET } from "./support";

export interface FuzzFigures extends FuzzReport {
  runs: number;
  seed: number;
  seconds: number;
  /** The first property violated, with its counterexample; null when every request held. */
  failure: string | null;
}

export async function fuzzBenchmark(databaseUrl: string): Promise<FuzzFigures> {
  const runs = Number(process.env.FUZZ_RUNS ?? (QUICK ? 1000 : 10_000));
  const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
  const app = await buildApp({
    databaseUrl,
    authSecret: SECRET,
    cursorSecret: SECRET,
    authUrl: AUTH_URL,
    corsOrigins: [AUTH_URL],
    rateLimitPerMinute: 100_000_000,
  });
  await app.ready();
  const started = performance.now();
  try {
    const report = await fuzz(app, { runs, seed, secret: SECRET });
    return { ...report, runs, seed, seconds: (performance.now() - started) / 1000, failure: null };
  } catch (error) {
    // fast-check's message names the counterexample; its cause, the violated property.
    const failure =
      error instanceof Error
        ? `${error.message}\n${error.cause instanceof Error ? error.cause.message : ""}`
        : String(error);
    console.error(failure);
    return {
      requests: 0,
      statuses: {},
      bystanderUnchanged: false,
      runs,
      seed,
      seconds: (performance.now() - started) / 1000,
      failure: failure.split("\n").slice(0, 12).join("\n"),
    };
  } finally {
    await app.close();
  }
}
