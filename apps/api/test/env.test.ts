import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../src/env";

const DATABASE_URL = "postgres://todo_api:pw@db.example.test:5432/todo";
const OWNER_URL = "postgres://owner:pw@db.example.test:5432/todo";

describe("loadConfig", () => {
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
