import { describe, expect, it } from "vitest";
import { DEFAULT_AFTER_SIGN_IN, safeNextPath, signInPath } from "./next-path";

describe("safeNextPath", () => {
  it.each([
    ["/tasks", "/tasks"],
    ["/tasks?status=completed&sort=title", "/tasks?status=completed&sort=title"],
    ["/tasks#top", "/tasks#top"],
  ])("keeps the same-origin path %s", (value, expected) => {
    expect(safeNextPath(value)).toBe(expected);
  });

  it.each([
    undefined,
    null,
    "",
    ["/tasks", "/other"],
    "tasks",
    "https://evil.example/tasks",
    "//evil.example/tasks",
    "/\\evil.example",
    "\\\\evil.example",
    "/\t/evil.example",
    "javascript:alert(1)",
  ])("falls back to the default for %j", (value) => {
    expect(safeNextPath(value)).toBe(DEFAULT_AFTER_SIGN_IN);
  });
});

describe("signInPath", () => {
  it("keeps slashes readable and escapes the rest", () => {
    expect(signInPath("/tasks")).toBe("/sign-in?next=/tasks");
    expect(signInPath("/tasks?a=1&b=2")).toBe("/sign-in?next=/tasks%3Fa%3D1%26b%3D2");
  });
});
