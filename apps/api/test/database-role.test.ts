import { describe, expect, it } from "vitest";
import { testApp } from "./helpers";

describe("the API's database connection", () => {
  it("is refused Better Auth's tables: no password hash, session or signing key to read", async () => {
    const app = await testApp();
    try {
      for (const table of ["account", "session", "jwks", "user", "verification"]) {
        const query = `select * from "${table}"`;
        // The request path's connections and the background pool's alike.
        // Each started only when awaited: a rejection left waiting behind the other one is
        // reported as unhandled under load.
        for (const attempt of [() => app.sql.unsafe(query), () => app.pool.query(query)]) {
          await expect(attempt(), table).rejects.toMatchObject({
            code: "42501",
            message: expect.stringMatching(/^permission denied/),
          });
        }
      }
    } finally {
      await app.close();
    }
  });

  it("reads of Better Auth's users only what a reminder email needs", async () => {
    const app = await testApp();
    try {
      await expect(
        app.pool.query(`select id, name, email, email_verified from "user" where false`),
      ).resolves.toMatchObject({ rows: [] });
      for (const column of ["*", "image", "two_factor_enabled", "created_at"]) {
        await expect(app.pool.query(`select ${column} from "user"`), column).rejects.toMatchObject({
          code: "42501",
        });
      }
      await expect(app.pool.query(`update "user" set email = email`)).rejects.toMatchObject({
        code: "42501",
      });
    } finally {
      await app.close();
    }
  });
});
