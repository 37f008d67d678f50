import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** `.data/` at the repository root: the embedded database and generated development secrets. */
// A path, not `new URL("…", import.meta.url)`: bundlers (Turbopack in the web app) take that
// form for an asset to copy, and `.data/` is a folder.
export const LOCAL_DATA_DIR = join(dirname(fileURLToPath(import.meta.url)), "../../../.data");

/**
 * Reads a secret kept in `.data/`, generating it on first use (mode 0600). Only for
 * development: production passes its secrets through the environment.
 */
export function localSecret(name: string, dir: string = LOCAL_DATA_DIR): string {
  const file = join(dir, name);
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  // The folder stays traversable: the embedded server may run as another user (see embedded.ts).
  mkdirSync(dir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: "wx" });
  chmodSync(file, 0o600);
  return secret;
}

export const AUTH_SECRET_FILE = "better-auth-secret";
