import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/env";
import { TEST_CURSOR_SECRET, TEST_SECRET } from "./helpers";

const JWKS_URL = "http://127.0.0.1:1/api/auth/jwks";
/** Production sends reminder emails, so it needs an SMTP server. */
const SMTP_URL = "smtp://mail.example.test:587";

/** Problems a configuration is refused with, or [] when it loads. */
function problems(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe("configuration", () => {
  it("listens on loopback by default outside production, on every interface in production", () => {
    expect(loadConfig({ BETTER_AUTH_SECRET: TEST_SECRET }).host).toBe("127.0.0.1");
    expect(loadConfig({ NODE_ENV: "test", BETTER_AUTH_SECRET: TEST_SECRET }).host).toBe(
      "127.0.0.1",
    );
    expect(
      loadConfig({ NODE_ENV: "production", BETTER_AUTH_SECRET: TEST_SECRET, SMTP_URL }).host,
    ).toBe("0.0.0.0");
    expect(loadConfig({ BETTER_AUTH_SECRET: TEST_SECRET, API_HOST: "0.0.0.0" }).host).toBe(
      "0.0.0.0",
    );
  });

  it("reads TRUST_PROXY as a hop count or CIDRs, trusting nothing when unset", () => {
    const trust = (value?: string) =>
      loadConfig({ BETTER_AUTH_SECRET: TEST_SECRET, TRUST_PROXY: value }).trustProxy;
    expect(trust()).toBe(0);
    expect(trust("")).toBe(0);
    expect(trust("1")).toBe(1);
    expect(trust("10.0.0.0/8, 192.168.1.7,2001:db8::/32")).toEqual([
      "10.0.0.0/8",
      "192.168.1.7",
      "2001:db8::/32",
    ]);
    for (const value of ["true", "10.0.0.0/33", "10.0.0.0/8,", "proxy.internal", "-1"]) {
      expect(problems({ BETTER_AUTH_SECRET: TEST_SECRET, TRUST_PROXY: value })).toEqual([
        expect.stringMatching(/^TRUST_PROXY: must be a hop count or comma-separated CIDRs/),
      ]);
    }
  });

  it("in JWKS mode holds no shared secret, and keys cursors with the API's own", () => {
    const production = { NODE_ENV: "production", AUTH_JWKS_URL: JWKS_URL, SMTP_URL };
    const config = loadConfig({
      ...production,
      API_CURSOR_SECRET: TEST_CURSOR_SECRET,
      // Given anyway: not kept.
      BETTER_AUTH_SECRET: TEST_SECRET,
    });
    expect(config.authSecret).toBeUndefined();
    expect(config.cursorSecret).toBe(TEST_CURSOR_SECRET);
    expect(JSON.stringify(config)).not.toContain(TEST_SECRET);
    expect(problems(production)).toEqual([
      expect.stringMatching(/^API_CURSOR_SECRET: API_CURSOR_SECRET is required/),
    ]);
    expect(problems({ ...production, API_CURSOR_SECRET: "short" })).toEqual([
      expect.stringMatching(/API_CURSOR_SECRET must be at least 32 characters/),
    ]);
  });

  it("in HS256 mode requires the shared secret in production; cursors may use it", () => {
    expect(problems({ NODE_ENV: "production", SMTP_URL })).toEqual([
      expect.stringMatching(/^BETTER_AUTH_SECRET: BETTER_AUTH_SECRET is required/),
    ]);
    const shared = loadConfig({
      NODE_ENV: "production",
      BETTER_AUTH_SECRET: TEST_SECRET,
      SMTP_URL,
    });
    expect(shared).toMatchObject({ authSecret: TEST_SECRET, cursorSecret: TEST_SECRET });
    const own = loadConfig({
      NODE_ENV: "production",
      BETTER_AUTH_SECRET: TEST_SECRET,
      API_CURSOR_SECRET: TEST_CURSOR_SECRET,
      SMTP_URL,
    });
    expect(own.cursorSecret).toBe(TEST_CURSOR_SECRET);
  });
});

const DATABASE_URL = "postgres://todo_api:pw@db.example.test:5432/todo";
const OWNER_URL = "postgres://owner:pw@db.example.test:5432/todo";

describe("secrets and database URLs", () => {
  it("refuses a long secret with too little entropy, saying so", () => {
    for (const secret of ["a".repeat(32), "ab".repeat(32)]) {
      expect(() => loadConfig({ BETTER_AUTH_SECRET: secret })).toThrow(
        /BETTER_AUTH_SECRET: BETTER_AUTH_SECRET is too predictable/,
      );
    }
  });

  it("accepts a generated secret", () => {
    const secret = randomBytes(48).toString("base64");
    expect(loadConfig({ BETTER_AUTH_SECRET: secret }).authSecret).toBe(secret);
  });

  it("migrates as MIGRATION_DATABASE_URL and serves as DATABASE_URL, or both as DATABASE_URL", () => {
    const secret = { BETTER_AUTH_SECRET: randomBytes(48).toString("base64") };
    expect(
      loadConfig({ ...secret, DATABASE_URL, MIGRATION_DATABASE_URL: OWNER_URL }),
    ).toMatchObject({ databaseUrl: DATABASE_URL, migrationDatabaseUrl: OWNER_URL });
    expect(loadConfig({ ...secret, DATABASE_URL })).toMatchObject({
      databaseUrl: DATABASE_URL,
      migrationDatabaseUrl: undefined,
    });
    expect(() => loadConfig({ ...secret, MIGRATION_DATABASE_URL: OWNER_URL })).toThrow(
      /MIGRATION_DATABASE_URL needs DATABASE_URL/,
    );
  });
});
