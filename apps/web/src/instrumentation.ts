/** Runs once when the server starts: a bad configuration stops it before it serves anything. */
export async function register() {
  // A compile-time constant that Next replaces, not a runtime read: it keeps the Node-only
  // modules out of the Edge build.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { assertValidEnv, getEnv } = await import("./lib/env");
  assertValidEnv();
  const { stampClientIps } = await import("./lib/client-ip");
  stampClientIps(getEnv().TRUST_PROXY);
}
