import { describe, expect, it } from "vitest";
import { characterCount, tagCount } from "./character-count";

describe("character counters", () => {
  it("stay hidden until a value is near its limit", () => {
    expect(characterCount("a".repeat(159), 200)).toBeUndefined();
    expect(characterCount("a".repeat(160), 200)).toBe("160/200 characters");
    expect(characterCount("a".repeat(201), 200)).toBe("201/200 characters");
  });

  it("count code points, as the API does, not UTF-16 units", () => {
    expect(characterCount("😀".repeat(8), 10)).toBe("8/10 characters");
    expect(characterCount("😀".repeat(7), 10)).toBeUndefined();
  });

  it("count distinct tags, as the API keeps them", () => {
    expect(tagCount("a, b, c, d, e, f, g", 10)).toBeUndefined();
    expect(tagCount("a, b, c, d, e, f, g, h", 10)).toBe("8/10 tags");
    expect(tagCount("a, A, b, c, d, e, f, g, h", 10)).toBe("8/10 tags");
  });
});
