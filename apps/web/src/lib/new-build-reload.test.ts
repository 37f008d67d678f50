import { describe, expect, it } from "vitest";
import { isChunkLoadError, mayReloadAgain, RELOAD_GUARD_MS } from "./new-build-reload";

describe("isChunkLoadError", () => {
  it("recognises the bundler's failed chunk load", () => {
    // As Turbopack's runtime throws it (node_modules/next, 16.4).
    const error = new Error(
      "Failed to load chunk /_next/static/chunks/0abc.js from module 1234: undefined",
    );
    error.name = "ChunkLoadError";
    expect(isChunkLoadError(error)).toBe(true);
  });

  it.each([
    new Error("Failed to load chunk, said a component"),
    new TypeError("Cannot read properties of undefined"),
    "ChunkLoadError",
    { name: "ChunkLoadError", message: "not an Error" },
    null,
  ])("leaves other errors alone: %j", (error) => {
    expect(isChunkLoadError(error)).toBe(false);
  });
});

describe("mayReloadAgain", () => {
  const now = Date.UTC(2026, 11, 6, 13, 0);

  it("reloads a tab that has not reloaded for a new build yet", () => {
    expect(mayReloadAgain(null, now)).toBe(true);
  });

  it("does not reload again within the guard's time", () => {
    expect(mayReloadAgain(String(now), now)).toBe(false);
    expect(mayReloadAgain(String(now - RELOAD_GUARD_MS + 1), now)).toBe(false);
  });

  it("reloads again once the guard's time has passed", () => {
    expect(mayReloadAgain(String(now - RELOAD_GUARD_MS), now)).toBe(true);
  });

  it("does not trust a stored value it cannot read, or a time after now", () => {
    expect(mayReloadAgain("soon", now)).toBe(true);
    expect(mayReloadAgain(String(now + 60 * RELOAD_GUARD_MS), now)).toBe(true);
  });
});
