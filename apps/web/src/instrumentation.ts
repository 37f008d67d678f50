/** Runs once when the server starts: a bad configuration stops it before it serves anything. */
export async function register() {
  // A compile-time constant that Next replaces, not a runtime read: it keeps the Node-only env
  // module out of the Edge build.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { assertValidEnv } = await import("./lib/env");
  assertValidEnv();
}
