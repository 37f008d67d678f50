import { describe, expect, it } from "vitest";
import { checkedUserFields } from "./user-fields";

describe("checkedUserFields", () => {
  it("trims the name and email it accepts", () => {
    expect(checkedUserFields({ name: "  Ada  ", email: " ada@example.com " })).toEqual({
      name: "Ada",
      email: "ada@example.com",
    });
  });

  it("checks only the fields present (an update may change one)", () => {
    expect(checkedUserFields({ image: null })).toEqual({});
    expect(checkedUserFields({ name: "Grace" })).toEqual({ name: "Grace" });
  });

  it.each([
    ["a 20,000-character name", { name: "n".repeat(20_000) }, "INVALID_NAME"],
    ["a 101-character name", { name: "n".repeat(101) }, "INVALID_NAME"],
    ["a blank name", { name: "   " }, "INVALID_NAME"],
    ["a name with a terminal escape", { name: "Eve\u001b[2J" }, "INVALID_NAME"],
    ["a name that is not a string", { name: 42 }, "INVALID_NAME"],
    ["an email over 254 characters", { email: `${"e".repeat(250)}@example.com` }, "INVALID_EMAIL"],
    ["an email that is no address", { email: "not-an-email" }, "INVALID_EMAIL"],
  ])("refuses %s with a 400", (_name, fields, code) => {
    expect(() => checkedUserFields(fields)).toThrow(
      expect.objectContaining({ statusCode: 400, body: expect.objectContaining({ code }) }),
    );
  });

  it("accepts a name of exactly 100 characters", () => {
    expect(checkedUserFields({ name: "n".repeat(100) }).name).toHaveLength(100);
  });
});
