// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  importOrReload,
  isChunkLoadError,
  mayReloadAgain,
  RELOAD_GUARD_MS,
} from "./new-build-reload";

/** As Turbopack's runtime throws it (node_modules/next, 16.4). */
function chunkLoadError(): Error {
  const error = new Error(
    "Failed to load chunk /_next/static/chunks/0abc.js from module 1234: undefined",
  );
  error.name = "ChunkLoadError";
  return error;
}

describe("isChunkLoadError", () => {
  it("recognises the bundler's failed chunk load", () => {
    expect(isChunkLoadError(chunkLoadError())).toBe(true);
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

describe("importOrReload", () => {
  afterEach(() => {
    sessionStorage.clear();
    vi.restoreAllMocks();
  });

  /** Whether `promise` has settled once pending callbacks have run. */
  async function settled(promise: Promise<unknown>): Promise<boolean> {
    let done = false;
    promise.then(
      () => {
        done = true;
      },
      () => {
        done = true;
      },
    );
    await new Promise((resolve) => setTimeout(resolve, 10));
    return done;
  }

  it("gives the module that loaded", async () => {
    await expect(importOrReload(async () => ({ parse: "ok" }))).resolves.toEqual({ parse: "ok" });
  });

  it("throws other errors on to the caller, without reloading", async () => {
    const reload = vi.spyOn(window.location, "reload").mockImplementation(() => {});
    const error = new TypeError("not a chunk");
    await expect(importOrReload(() => Promise.reject(error))).rejects.toBe(error);
    expect(reload).not.toHaveBeenCalled();
  });

  it("reloads the page on a failed chunk load and never settles; within the guard it throws on", async () => {
    const reload = vi.spyOn(window.location, "reload").mockImplementation(() => {});
    const first = importOrReload(() => Promise.reject(chunkLoadError()));
    expect(await settled(first)).toBe(false);
    expect(reload).toHaveBeenCalledTimes(1);

    const error = chunkLoadError();
    await expect(importOrReload(() => Promise.reject(error))).rejects.toBe(error);
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it("does not reload an offline page: the caller's message says what to do", async () => {
    const reload = vi.spyOn(window.location, "reload").mockImplementation(() => {});
    vi.spyOn(navigator, "onLine", "get").mockReturnValue(false);
    const error = chunkLoadError();
    await expect(importOrReload(() => Promise.reject(error))).rejects.toBe(error);
    expect(reload).not.toHaveBeenCalled();
  });
});
