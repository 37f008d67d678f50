import { randomBytes } from "node:crypto";
import { chmodSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** `.data/` at the repository root: the embedded database and generated development secrets. */
// A path, not `new URL("…", import.meta.url)`: bundlers (Turbopack in the web app) take that
// form for an asset to copy, and `.data/` is a folder.
export const LOCAL_DATA_DIR = join(dirname(fileURLToPath(import.meta.url)), "../../../.data");

/**
 * Reads a file kept in `.data/`, generating its content on first use (mode 0600). Processes
 * starting at the same moment all end with the first one's content: each writes its own copy
 * aside, and only one hard link to the name can succeed. Only for development: production
 * passes its secrets through the environment.
 */
export function localFile(name: string, generate: () => string, dir: string = LOCAL_DATA_DIR) {
  const file = join(dir, name);
  const existing = readIfExists(file);
  if (existing !== undefined) return existing;
  // The folder stays traversable: the embedded server may run as another user (see embedded.ts).
  mkdirSync(dir, { recursive: true });
  const partial = join(dir, `.${name}.${randomBytes(6).toString("hex")}.partial`);
  writeFileSync(partial, generate(), { mode: 0o600, flag: "wx" });
  chmodSync(partial, 0o600);
  try {
    linkSync(partial, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  } finally {
    unlinkSync(partial);
  }
  return readFileSync(file, "utf8");
}

function readIfExists(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/** A random secret kept in `.data/` (see `localFile`). */
export function localSecret(name: string, dir: string = LOCAL_DATA_DIR): string {
  return localFile(name, () => `${randomBytes(32).toString("base64url")}\n`, dir).trim();
}

export const AUTH_SECRET_FILE = "better-auth-secret";

/** docs/api.md, Tokens: a shorter BETTER_AUTH_SECRET is refused. */
const SECRET_MIN_LENGTH = 32;
const SECRET_MIN_DISTINCT = 10;
const SECRET_MIN_BITS = 128;

/**
 * Entropy estimated from the secret's own character frequencies (Shannon) times its length:
 * random secrets score close to their real strength (`openssl rand -base64 48`: about 330 bits,
 * ours: about 200), repetitions and small alphabets score low (`abab…`: 1 bit a character).
 */
function estimatedBits(secret: string): number {
  const characters = [...secret];
  const counts = new Map<string, number>();
  for (const character of characters) counts.set(character, (counts.get(character) ?? 0) + 1);
  let bitsPerCharacter = 0;
  for (const count of counts.values()) {
    const p = count / characters.length;
    bitsPerCharacter -= p * Math.log2(p);
  }
  return bitsPerCharacter * characters.length;
}

/**
 * Why `secret` is too weak to be `name` (a signing key), or undefined. The one rule of the web
 * app, the API and the launcher: at least 32 characters, at least 10 different ones, and an
 * estimated 128 bits of entropy.
 */
export function secretWeakness(name: string, secret: string): string | undefined {
  if (secret.length < SECRET_MIN_LENGTH) {
    return `${name} must be at least ${SECRET_MIN_LENGTH} characters long`;
  }
  const distinct = new Set(secret).size;
  const bits = estimatedBits(secret);
  if (distinct < SECRET_MIN_DISTINCT || bits < SECRET_MIN_BITS) {
    return (
      `${name} is too predictable (${distinct} different characters, about ${Math.floor(bits)} bits of entropy; ` +
      `at least ${SECRET_MIN_DISTINCT} and ${SECRET_MIN_BITS} needed): generate one with openssl rand -base64 48`
    );
  }
  return undefined;
}
