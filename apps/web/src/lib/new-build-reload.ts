/**
 * After a redeploy the old build's chunks are gone: the first part an open page loads on demand
 * answers 404 and its import rejects. Reloading the page picks up the new build, and the task
 * forms' drafts come back from the tab's sessionStorage. A guard keeps a chunk that is broken in
 * the new build too from reloading the page again and again (ADR 0050).
 */

/** Turbopack (Next.js 16.1 on) and webpack both name the error of a failed chunk load so. */
export function isChunkLoadError(error: unknown): boolean {
  return error instanceof Error && error.name === "ChunkLoadError";
}

/** At most one automatic reload per this many milliseconds, per tab. */
export const RELOAD_GUARD_MS = 60_000;

const RELOADED_AT_KEY = "todo:reloaded-for-new-build-at";

/** Whether a tab that last reloaded for a new build at `reloadedAt` (stored) may do so `now`. */
export function mayReloadAgain(reloadedAt: string | null, now: number): boolean {
  const at = Number(reloadedAt);
  // A time in the future is a clock set back, not a reload a moment ago.
  return reloadedAt === null || !Number.isFinite(at) || now - at >= RELOAD_GUARD_MS || at > now;
}

/**
 * Reloads the page unless this tab did so within RELOAD_GUARD_MS, or the browser is offline (the
 * reload would replace the page, and what it holds, with the browser's error page); returns
 * whether it does.
 */
export function reloadForNewBuild(): boolean {
  if (!navigator.onLine) return false;
  try {
    const now = Date.now();
    if (!mayReloadAgain(sessionStorage.getItem(RELOADED_AT_KEY), now)) return false;
    sessionStorage.setItem(RELOADED_AT_KEY, String(now));
  } catch {
    // Storage off: nothing could stop a loop, so the page offers its reload button instead.
    return false;
  }
  window.location.reload();
  return true;
}

/**
 * For a module loaded outside rendering (by a handler or an effect), whose failure the error
 * boundary never sees: a failed chunk load reloads the page as the boundary does, and the
 * promise then never settles, so no error flashes up while the page goes. Any other error, or
 * a reload the guard refuses, is thrown on to the caller's own fallback.
 */
export async function importOrReload<Module>(load: () => Promise<Module>): Promise<Module> {
  try {
    return await load();
  } catch (error) {
    if (isChunkLoadError(error) && reloadForNewBuild()) return new Promise<never>(() => {});
    throw error;
  }
}
