import { describe, expect, it } from "vitest";
import { escapeControl, formatLogLine } from "./log";

describe("escapeControl", () => {
  it("escapes terminal escapes, C1 controls, DEL, line separators and bidi overrides", () => {
    expect(escapeControl("a\u001b[31mred\u009b2J\u007f\u2028b\u202etxt.exe")).toBe(
      "a\\u001b[31mred\\u009b2J\\u007f\\u2028b\\u202etxt.exe",
    );
  });

  it("leaves printable text alone, accents and emoji included", () => {
    expect(escapeControl('Zoë — 東京 🎉 "quoted" \\ back')).toBe('Zoë — 東京 🎉 "quoted" \\ back');
  });
});

describe("formatLogLine", () => {
  it("is one line of JSON that parses back to the original text", () => {
    const input = "Sign-up attempt for existing email: x\u001b[2J\r\nFAKE LINE\u009b\u2028";
    const line = formatLogLine("info", input, { details: ["\u0007bell"] });
    expect(line).not.toMatch(/[\p{Cc}\u2028\u2029]/u);
    const parsed = JSON.parse(line) as { level: string; msg: string; details: string[] };
    expect(parsed).toMatchObject({ level: "info", msg: input, details: ["\u0007bell"] });
  });
});
