import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AUTH_SECRET_FILE, LOCAL_DATA_DIR } from "@todo/db/local-data";
import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";

const DATABASE_URL = "postgres://user:pw@localhost:5432/todo";
const SECRET = randomBytes(48).toString("base64");

describe("parseEnv", () => {
  it("applies the contract's defaults", () => {
    expect(parseEnv({ DATABASE_URL, BETTER_AUTH_SECRET: SECRET })).toEqual({
      NODE_ENV: "development",
      DATABASE_URL,
      BETTER_AUTH_SECRET: SECRET,
      BETTER_AUTH_URL: "http://localhost:3000",
      API_URL: "http://localhost:8000",
      AUTH_RATE_LIMIT_PER_MINUTE: 10,
      AUTH_TOKEN_ALG: "HS256",
      AUTH_TOKEN_TTL_SECONDS: 900,
      MAIL_FROM: "Todo <no-reply@localhost>",
      MAIL_OUTBOX_DIR: join(LOCAL_DATA_DIR, "mail"),
      REQUIRE_EMAIL_VERIFICATION: false,
    });
  });

  it("refuses a secret shorter than 32 characters, saying so", () => {
    expect(() => parseEnv({ DATABASE_URL, BETTER_AUTH_SECRET: "x".repeat(31) })).toThrow(
      "BETTER_AUTH_SECRET must be at least 32 characters long",
    );
  });

  it("refuses a long secret with too little entropy, saying so", () => {
    for (const secret of ["s".repeat(32), "ab".repeat(32)]) {
      expect(() => parseEnv({ DATABASE_URL, BETTER_AUTH_SECRET: secret })).toThrow(
        /^Invalid environment for the web app:\n- BETTER_AUTH_SECRET is too predictable/,
      );
    }
  });

  it("requires the secret in production", () => {
    expect(() => parseEnv({ DATABASE_URL, NODE_ENV: "production" })).toThrow(
      "BETTER_AUTH_SECRET is required when NODE_ENV=production",
    );
  });

  it("refuses to start in production without SMTP_URL: the outbox is not for production", () => {
    expect(() =>
      parseEnv({ DATABASE_URL, BETTER_AUTH_SECRET: SECRET, NODE_ENV: "production" }),
    ).toThrow("SMTP_URL is required when NODE_ENV=production");
    expect(() => parseEnv({ DATABASE_URL, NODE_ENV: "production" })).toThrow(
      /BETTER_AUTH_SECRET is required[\s\S]*SMTP_URL is required/,
    );
  });

  it("requires email verification by default in production only, unless told otherwise", () => {
    const base = { DATABASE_URL, BETTER_AUTH_SECRET: SECRET };
    const production = { ...base, NODE_ENV: "production", SMTP_URL: "smtp://mail.example.com" };
    expect(parseEnv(base).REQUIRE_EMAIL_VERIFICATION).toBe(false);
    expect(parseEnv({ ...base, NODE_ENV: "test" }).REQUIRE_EMAIL_VERIFICATION).toBe(false);
    expect(parseEnv(production).REQUIRE_EMAIL_VERIFICATION).toBe(true);
    expect(
      parseEnv({ ...production, REQUIRE_EMAIL_VERIFICATION: "false" }).REQUIRE_EMAIL_VERIFICATION,
    ).toBe(false);
    expect(
      parseEnv({ ...base, REQUIRE_EMAIL_VERIFICATION: "true" }).REQUIRE_EMAIL_VERIFICATION,
    ).toBe(true);
  });

  it("accepts only smtp:// and smtps:// mail servers and a readable verification switch", () => {
    const attempt = () =>
      parseEnv({
        DATABASE_URL,
        BETTER_AUTH_SECRET: SECRET,
        SMTP_URL: "http://mail.example.com",
        REQUIRE_EMAIL_VERIFICATION: "maybe",
      });
    expect(attempt).toThrow(/SMTP_URL must be an smtp:\/\/ or smtps:\/\/ URL/);
    expect(attempt).toThrow(/REQUIRE_EMAIL_VERIFICATION/);
  });

  it("uses the shared development secret from .data/ when none is given", () => {
    const dataDir = mkdtempSync(join(tmpdir(), "web-env-"));
    try {
      const secret = parseEnv({ DATABASE_URL }, dataDir).BETTER_AUTH_SECRET;
      expect(secret).toBe(readFileSync(join(dataDir, AUTH_SECRET_FILE), "utf8").trim());
      // Generated once, then shared: the API reads the same file.
      expect(parseEnv({ DATABASE_URL }, dataDir).BETTER_AUTH_SECRET).toBe(secret);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("lists every problem at once", () => {
    const attempt = () =>
      parseEnv({
        BETTER_AUTH_SECRET: SECRET,
        BETTER_AUTH_URL: "not a url",
        AUTH_TOKEN_ALG: "RS256",
        AUTH_RATE_LIMIT_PER_MINUTE: "0",
      });
    expect(attempt).toThrow(/DATABASE_URL is required/);
    expect(attempt).toThrow(/BETTER_AUTH_URL/);
    expect(attempt).toThrow(/AUTH_TOKEN_ALG/);
    expect(attempt).toThrow(/AUTH_RATE_LIMIT_PER_MINUTE/);
  });

  it("reads numbers and the EdDSA mode, and drops a trailing slash from BETTER_AUTH_URL", () => {
    const env = parseEnv({
      DATABASE_URL,
      BETTER_AUTH_SECRET: SECRET,
      BETTER_AUTH_URL: "https://todo.example.com/",
      AUTH_TOKEN_ALG: "EdDSA",
      AUTH_RATE_LIMIT_PER_MINUTE: "1000",
      AUTH_TOKEN_TTL_SECONDS: "2",
    });
    expect(env).toMatchObject({
      BETTER_AUTH_URL: "https://todo.example.com",
      AUTH_TOKEN_ALG: "EdDSA",
      AUTH_RATE_LIMIT_PER_MINUTE: 1000,
      AUTH_TOKEN_TTL_SECONDS: 2,
    });
  });

  it("treats empty values as unset", () => {
    expect(parseEnv({ DATABASE_URL, BETTER_AUTH_SECRET: SECRET, API_URL: "" }).API_URL).toBe(
      "http://localhost:8000",
    );
  });
});
