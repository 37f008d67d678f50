import { describe, expect, it } from "vitest";
import { linkParts } from "./linkify";

describe("links in descriptions", () => {
  it("finds http and https addresses among the text", () => {
    expect(linkParts("See https://example.com/a?b=1 and http://x.org.")).toEqual([
      { text: "See " },
      { url: "https://example.com/a?b=1" },
      { text: " and " },
      { url: "http://x.org" },
      { text: "." },
    ]);
  });

  it("leaves other schemes as text", () => {
    for (const text of ["javascript:alert(1)", "data:text/html,hi", "ftp://example.com"]) {
      expect(linkParts(text)).toEqual([{ text }]);
    }
  });

  it("keeps a closing parenthesis or quote out of the address", () => {
    expect(linkParts("(https://example.com/x)")).toEqual([
      { text: "(" },
      { url: "https://example.com/x" },
      { text: ")" },
    ]);
  });

  it("returns text without addresses whole, and nothing for nothing", () => {
    expect(linkParts("Buy milk\nand eggs")).toEqual([{ text: "Buy milk\nand eggs" }]);
    expect(linkParts("")).toEqual([]);
  });
});
