import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { secretWeakness } from "../src/local-data";

const weakness = (secret: string) => secretWeakness("SECRET", secret);

describe("the secret rule", () => {
  it("accepts generated secrets: ours, openssl rand -base64 48 and -hex 32", () => {
    for (let n = 0; n < 200; n++) {
      expect(weakness(randomBytes(32).toString("base64url"))).toBeUndefined();
      expect(weakness(randomBytes(48).toString("base64"))).toBeUndefined();
      expect(weakness(randomBytes(32).toString("hex"))).toBeUndefined();
    }
  });

  it("refuses a secret shorter than 32 characters, saying so", () => {
    expect(weakness(randomBytes(32).toString("base64url").slice(0, 31))).toBe(
      "SECRET must be at least 32 characters long",
    );
  });

  it("refuses long secrets with too little entropy, however long", () => {
    for (const secret of [
      "a".repeat(32),
      "ab".repeat(16),
      "ab".repeat(200),
      "password".repeat(4),
    ]) {
      expect(weakness(secret), secret).toMatch(
        /^SECRET is too predictable \(\d+ different characters, about \d+ bits of entropy; at least 10 and 128 needed\)/,
      );
    }
  });
});
