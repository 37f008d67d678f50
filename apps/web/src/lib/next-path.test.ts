import { describe, expect, it } from "vitest";
import { authPagePath, DEFAULT_AFTER_SIGN_IN, safeNextPath } from "./next-path";

const ORIGIN = "https://todo.example";

/** `next` as a page receives it: the query string decoded as Next.js decodes searchParams. */
const fromQuery = (query: string) => new URLSearchParams(`next=${query}`).get("next");

/** Where a browser goes when told to go to `path` from a page of this site. */
const followed = (path: string) => new URL(path, `${ORIGIN}/sign-in`);

describe("safeNextPath", () => {
  it.each([
    ["/tasks", "/tasks"],
    ["/tasks?status=completed&sort=title", "/tasks?status=completed&sort=title"],
    ["/tasks#top", "/tasks#top"],
    ["/tasks/../tasks", "/tasks"],
    ["/t\u00e2ches?q=a b", "/t%C3%A2ches?q=a%20b"],
    ["/%2F/evil.example", "/%2F/evil.example"],
    ["/.\\evil.example", "/evil.example"],
  ])("keeps the same-origin path %j as %j", (value, expected) => {
    expect(safeNextPath(value)).toBe(expected);
    expect(safeNextPath(expected)).toBe(expected);
    expect(followed(expected).origin).toBe(ORIGIN);
  });

  it.each([
    undefined,
    null,
    "",
    ["/tasks", "/other"],
    "tasks",
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
  ])("falls back to the default for %j", (value) => {
    expect(safeNextPath(value)).toBe(DEFAULT_AFTER_SIGN_IN);
  });

  // Each is written as it would appear in a link (`/sign-in?next=…`). Most of them only reach
  // another origin after parsing: dot segments collapse, `%2e` is a dot, `\` is a slash and tabs
  // and newlines disappear, so `/.//evil.example` turns into `//evil.example`.
  const hostile = [
    "https://evil.example/phish",
    "http:evil.example",
    "https:/evil.example",
    "//evil.example/phish",
    "///evil.example/phish",
    "////evil.example",
    "%2F%2Fevil.example",
    "%5C%5Cevil.example",
    "/%5Cevil.example",
    "%5C/evil.example",
    "/%5C/evil.example",
    "/.//evil.example/phish",
    "/..//evil.example/phish",
    "/%2e//evil.example/phish",
    "/%2E//evil.example/phish",
    "/%2e%2e//evil.example/phish",
    "/.%2e//evil.example/phish",
    "/./%5Cevil.example/phish",
    "/.%5C/evil.example/phish",
    "/.%5C%5Cevil.example/phish",
    "/./%5C/evil.example/phish",
    "/%2e%5C%5Cevil.example/phish",
    "%2F.%2F%2Fevil.example%2Fphish",
    "%2F..%2F%2Fevil.example%2Fphish",
    "%2F%2e%2F%2Fevil.example",
    "/.///evil.example/phish",
    "/././/evil.example/phish",
    "/%2e/%2e//evil.example/phish",
    "/tasks/..//evil.example/phish",
    "/tasks/../..//evil.example/phish",
    "/a/b/../../..//evil.example/phish",
    "/.%09//evil.example/phish",
    "/.%0A//evil.example/phish",
    "/.%0D//evil.example/phish",
    "/%09/evil.example/phish",
    "/%0A/evil.example/phish",
    "%09/.//evil.example/phish",
    "%20/.//evil.example/phish",
    "/.//evil.example:443/phish",
    "/.//user:pass@evil.example/phish",
    "/.//evil.example%5Cphish",
    "/.//evil.example?next=/tasks",
    "/.//evil.example#/tasks",
    "/.//%65vil.example/phish",
    "/.//127.0.0.1/phish",
    "/.//[::1]/phish",
    "/.//evil%E3%80%82example/phish",
    "/.//evil.example%00/phish",
  ];

  it("covers at least 40 hostile forms", () => {
    expect(new Set(hostile).size).toBeGreaterThanOrEqual(40);
  });

  it.each(hostile)("sends next=%s to the default, never off the site", (query) => {
    const next = safeNextPath(fromQuery(query));
    expect(next).toBe(DEFAULT_AFTER_SIGN_IN);
    expect(followed(next).origin).toBe(ORIGIN);
  });
});

describe("authPagePath", () => {
  it("keeps slashes readable and escapes the rest", () => {
    expect(authPagePath("/sign-in", "/tasks")).toBe("/sign-in?next=/tasks");
    expect(authPagePath("/sign-up", "/tasks?a=1&b=2")).toBe("/sign-up?next=/tasks%3Fa%3D1%26b%3D2");
  });

  it("never carries a destination off the site", () => {
    expect(authPagePath("/sign-in", "/.//evil.example/phish")).toBe(
      `/sign-in?next=${DEFAULT_AFTER_SIGN_IN}`,
    );
  });
});
