import { spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { BIN, REPO_ROOT } from "@todo/stack";
import { describe, expect, it } from "vitest";

/** `npm start` as a real process with only `env`; resolves with its exit code and output. */
async function launch(env: Record<string, string>) {
  const child = spawn(BIN("tsx"), ["scripts/start.ts"], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  for (const stream of [child.stdout, child.stderr])
    stream.on("data", (chunk) => (output += chunk));
  const [code] = await once(child, "exit");
  return { code, output };
}

/** What the development defaults leave in .data/: the embedded cluster and generated secrets. */
function developmentDefaults() {
  return ["pg", "pg-password", "better-auth-secret"].map((name) => {
    const file = join(REPO_ROOT, ".data", name);
    return existsSync(file) ? `${name} changed ${statSync(file).mtimeMs}` : `${name} absent`;
  });
}

describe("npm start with NODE_ENV=production", () => {
  it("refuses to start without BETTER_AUTH_SECRET and DATABASE_URL, naming both, touching nothing in .data/", async () => {
    const before = developmentDefaults();
    const { code, output } = await launch({ NODE_ENV: "production", EMBEDDED_PG_PORT: "1" });
    expect(code).not.toBe(0);
    expect(output).toContain("NODE_ENV=production needs BETTER_AUTH_SECRET and DATABASE_URL");
    expect(developmentDefaults()).toEqual(before);
  });

  it("refuses a secret of 32 identical characters, saying why", async () => {
    const { code, output } = await launch({
      NODE_ENV: "production",
      DATABASE_URL: "postgres://nobody@127.0.0.1:1/none",
      BETTER_AUTH_SECRET: "a".repeat(32),
    });
    expect(code).not.toBe(0);
    expect(output).toContain("BETTER_AUTH_SECRET is too predictable");
  });
});
