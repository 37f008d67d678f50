import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { text } from "node:stream/consumers";
import { afterEach, describe, expect, it } from "vitest";
import webpush from "web-push";
import { ConfigError, loadConfig, VAPID_KEYS_FILE } from "../src/env";
import { TEST_SECRET } from "./helpers";

const SMTP_URL = "smtp://mail.example.test:587";
const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "todo-vapid-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function problems(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env, tempDir());
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe("VAPID keys", () => {
  it("uses the configured pair and subject", () => {
    const keys = webpush.generateVAPIDKeys();
    const config = loadConfig(
      {
        BETTER_AUTH_SECRET: TEST_SECRET,
        NODE_ENV: "production",
        SMTP_URL,
        VAPID_PUBLIC_KEY: keys.publicKey,
        VAPID_PRIVATE_KEY: keys.privateKey,
        VAPID_SUBJECT: "https://todo.example.com/contact",
      },
      tempDir(),
    );
    expect(config.vapid).toEqual({ ...keys, subject: "https://todo.example.com/contact" });
    expect(config.allowLoopbackPush).toBe(false);
  });

  it("refuses half a pair, keys that are not a pair, malformed keys and subjects", () => {
    const keys = webpush.generateVAPIDKeys();
    const other = webpush.generateVAPIDKeys();
    const base = { BETTER_AUTH_SECRET: TEST_SECRET };
    expect(problems({ ...base, VAPID_PUBLIC_KEY: keys.publicKey })).toEqual([
      expect.stringMatching(/^VAPID_PRIVATE_KEY: .*set both or neither/),
    ]);
    expect(
      problems({ ...base, VAPID_PUBLIC_KEY: keys.publicKey, VAPID_PRIVATE_KEY: other.privateKey }),
    ).toEqual([expect.stringMatching(/is not the public key of VAPID_PRIVATE_KEY/)]);
    expect(
      problems({
        ...base,
        VAPID_PUBLIC_KEY: keys.publicKey.slice(0, 40),
        VAPID_PRIVATE_KEY: keys.privateKey,
      }),
    ).toEqual([expect.stringMatching(/^VAPID_PUBLIC_KEY: must be 65 bytes/)]);
    expect(
      problems({ ...base, VAPID_PUBLIC_KEY: keys.publicKey, VAPID_PRIVATE_KEY: "a+b/c=" }),
    ).toEqual([expect.stringMatching(/^VAPID_PRIVATE_KEY: must be base64url/)]);
    expect(problems({ ...base, VAPID_SUBJECT: "http://todo.example.com" })).toEqual([
      expect.stringMatching(/VAPID_SUBJECT must be a mailto: or https: URL/),
    ]);
    expect(
      problems({
        ...base,
        NODE_ENV: "production",
        SMTP_URL,
        VAPID_PUBLIC_KEY: keys.publicKey,
        VAPID_PRIVATE_KEY: keys.privateKey,
      }),
    ).toEqual([expect.stringMatching(/^VAPID_SUBJECT: VAPID_SUBJECT is required/)]);
  });

  it("in production without keys turns push off, and needs SMTP_URL for reminder emails", () => {
    const dir = tempDir();
    const production = { NODE_ENV: "production", BETTER_AUTH_SECRET: TEST_SECRET };
    expect(loadConfig({ ...production, SMTP_URL }, dir).vapid).toBeNull();
    expect(statSync(dir).isDirectory()).toBe(true);
    expect(() => readFileSync(join(dir, VAPID_KEYS_FILE))).toThrow(/ENOENT/);
    expect(problems(production)).toEqual([
      expect.stringMatching(/^SMTP_URL: SMTP_URL is required when NODE_ENV=production/),
    ]);
  });

  it("in development generates one pair into the data folder (0600), the same for two processes starting at once", async () => {
    const dir = tempDir();
    // Two real processes, each loading the configuration as `npm run dev` does.
    const script = `
      import { loadConfig } from "./src/env.ts";
      const { vapid } = loadConfig({ BETTER_AUTH_SECRET: ${JSON.stringify(TEST_SECRET)} }, ${JSON.stringify(dir)});
      process.stdout.write(JSON.stringify(vapid));
    `;
    const run = () => {
      const child = spawn(
        process.execPath,
        ["--import", "tsx", "--input-type=module", "-e", script],
        {
          cwd: new URL("..", import.meta.url),
          stdio: ["ignore", "pipe", "inherit"],
        },
      );
      return text(child.stdout);
    };
    const [first, second] = await Promise.all([run(), run()]);
    const keys = JSON.parse(first);
    expect(JSON.parse(second)).toEqual(keys);
    expect(keys).toEqual({
      publicKey: expect.stringMatching(/^B[A-Za-z0-9_-]{86}$/),
      privateKey: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      subject: "mailto:no-reply@localhost",
    });
    expect(statSync(join(dir, VAPID_KEYS_FILE)).mode & 0o777).toBe(0o600);
    // Reused on the next start, and a pair webpush accepts.
    const again = loadConfig({ BETTER_AUTH_SECRET: TEST_SECRET }, dir).vapid;
    expect(again).toEqual(keys);
    expect(() =>
      webpush.setVapidDetails(keys.subject, keys.publicKey, keys.privateKey),
    ).not.toThrow();
    // The pair passes the check that configured keys get.
    expect(
      problems({
        BETTER_AUTH_SECRET: TEST_SECRET,
        VAPID_PUBLIC_KEY: keys.publicKey,
        VAPID_PRIVATE_KEY: keys.privateKey,
      }),
    ).toEqual([]);
    expect(loadConfig({ BETTER_AUTH_SECRET: TEST_SECRET }, dir).allowLoopbackPush).toBe(true);
  }, 60_000);
});
