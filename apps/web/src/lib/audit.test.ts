import { createHash, randomBytes } from "node:crypto";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { audit, emailDigest } from "./audit";
import { clientIpHeader } from "./client-ip";

beforeAll(() => {
  // The digest key comes from the app's configuration, read on first use.
  process.env.DATABASE_URL = "postgres://unused@localhost/unused";
  process.env.BETTER_AUTH_SECRET = randomBytes(32).toString("hex");
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe("audit", () => {
  it("writes one JSON line: event, user id, keyed email hash and client IP, never the email", () => {
    const lines: string[] = [];
    vi.spyOn(console, "log").mockImplementation((line: string) => lines.push(line));
    const headers = new Headers({ [clientIpHeader()]: "198.51.100.7" });
    audit("sign_in.success", { email: "Ada@Example.com", userId: "u1" }, headers);

    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0] as string) as Record<string, unknown>;
    expect(line).toMatchObject({
      msg: "audit",
      event: "sign_in.success",
      user_id: "u1",
      email_hash: emailDigest("ada@example.com"),
      ip: "198.51.100.7",
    });
    expect(lines[0]).not.toMatch(/ada@example\.com/i);
  });

  it("hashes with a key, not a plain digest a dictionary of addresses could reverse", () => {
    const plain = createHash("sha256").update("ada@example.com").digest("base64url");
    expect(emailDigest("ada@example.com")).not.toBe(plain);
    expect(emailDigest(" ADA@example.com ")).toBe(emailDigest("ada@example.com"));
  });
});
