import "server-only";
import { describeIssues, webEnvSchema } from "@todo/config/env";
import { AUTH_SECRET_FILE, LOCAL_DATA_DIR, localSecret } from "@todo/db/local-data";
import type { z } from "zod";
import { log } from "./log";

type ParsedEnv = z.output<typeof webEnvSchema>;

export type Env = Omit<ParsedEnv, "BETTER_AUTH_SECRET" | "REQUIRE_EMAIL_VERIFICATION"> & {
  BETTER_AUTH_SECRET: string;
  REQUIRE_EMAIL_VERIFICATION: boolean;
};

/**
 * Validates a set of variables; throws one error that lists every problem. Without a secret,
 * development uses the one kept in `localDataDir`.
 */
export function parseEnv(
  source: Record<string, string | undefined>,
  localDataDir: string = LOCAL_DATA_DIR,
): Env {
  const result = webEnvSchema.safeParse(source);
  if (!result.success) {
    const problems = describeIssues(result.error).map((problem) => `- ${problem}`);
    throw new Error(`Invalid environment for the web app:\n${problems.join("\n")}`);
  }
  const { BETTER_AUTH_SECRET, REQUIRE_EMAIL_VERIFICATION, ...env } = result.data;
  const production = env.NODE_ENV === "production";
  const missing = [
    production && !BETTER_AUTH_SECRET && "BETTER_AUTH_SECRET is required when NODE_ENV=production",
    // The outbox is for development and tests: in production a message must really leave.
    production && !env.SMTP_URL && "SMTP_URL is required when NODE_ENV=production",
  ].filter(Boolean);
  if (missing.length > 0) {
    throw new Error(`Invalid environment for the web app:\n- ${missing.join("\n- ")}`);
  }
  return {
    ...env,
    // Development: the secret that `npm start` shares with the API, kept in .data/.
    BETTER_AUTH_SECRET: BETTER_AUTH_SECRET ?? localSecret(AUTH_SECRET_FILE, localDataDir),
    REQUIRE_EMAIL_VERIFICATION: REQUIRE_EMAIL_VERIFICATION ?? production,
  };
}

let cached: Env | undefined;

/** The web server's configuration, read once. The only reader of `process.env` in the app. */
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Start-up check: prints what is wrong and stops the process instead of serving errors. */
export function assertValidEnv(): void {
  try {
    getEnv();
  } catch (error) {
    log("error", error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
