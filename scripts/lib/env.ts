/** The environment of `npm start` and `npm run db:migrate`: the only reader of `process.env` here. */
import { describeIssues, launcherEnvSchema } from "@todo/config/env";
import type { z } from "zod";

export interface LauncherEnv {
  config: z.output<typeof launcherEnvSchema>;
  /** What the apps inherit: everything but the migration URL, which is the launcher's alone. */
  inherited: Record<string, string | undefined>;
}

/** Throws one error listing every problem, a line each. */
export function loadLauncherEnv(): LauncherEnv {
  const { MIGRATION_DATABASE_URL: _, ...inherited } = process.env;
  const parsed = launcherEnvSchema.safeParse(process.env);
  if (!parsed.success) throw new Error(describeIssues(parsed.error).join("\n"));
  return { config: parsed.data, inherited };
}

/** `db:migrate`: the database owner's URL. */
export function migrationUrl(): string | undefined {
  return process.env.MIGRATION_DATABASE_URL || process.env.DATABASE_URL;
}
