import "server-only";
import { inspect } from "node:util";

export type LogLevel = "debug" | "info" | "warn" | "error";

/**
 * Control characters (C0, DEL, C1), line and paragraph separators and bidirectional overrides:
 * anything that could move a terminal's cursor, recolour it, or start a forged log line.
 */
const UNSAFE = /[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;

/** Writes each unsafe character as a `\uXXXX` escape, which keeps a JSON line valid JSON. */
export function escapeControl(text: string): string {
  return text.replace(UNSAFE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** One log line: a JSON object, its control characters escaped. */
export function formatLogLine(level: LogLevel, message: string, fields: object = {}): string {
  return escapeControl(
    JSON.stringify({ time: new Date().toISOString(), level, msg: message, ...fields }),
  );
}

/** The web server's one way to write a log line (user input may be part of any message). */
export function log(level: LogLevel, message: string, fields?: object): void {
  const line = formatLogLine(level, message, fields);
  if (level === "error" || level === "warn") console.error(line);
  else console.log(line);
}

/** Better Auth's `logger.log`: its message and arguments as one escaped line. */
export function logFromBetterAuth(level: LogLevel, message: string, ...args: unknown[]): void {
  const details = args.map((arg) =>
    typeof arg === "string"
      ? arg
      : inspect(arg, { depth: 4, breakLength: Number.POSITIVE_INFINITY }),
  );
  log(level, message, { source: "better-auth", ...(details.length ? { details } : {}) });
}
