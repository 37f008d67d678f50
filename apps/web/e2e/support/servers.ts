/**
 * Starts the API and the web app (production build) for browser tests, on free ports, with
 * logs under .data/e2e-logs/. Used by global setup and by specs that need a differently
 * configured instance (short token lifetime, unreachable API).
 */
import { createWriteStream, mkdirSync } from "node:fs";
import { join } from "node:path";
import { freePort } from "@todo/db/embedded";
import type { App } from "@todo/db/roles";
import {
  BIN,
  type ManagedProcess,
  REPO_ROOT,
  startProcess,
  WEB_DIR,
  waitForHttp,
} from "@todo/stack";
import { startApiServer } from "@todo/stack/api-server";

/** Specs pick ports for their own instances with it. */
export { freePort };

export const LOG_DIR = join(REPO_ROOT, ".data/e2e-logs");
const START_TIMEOUT_MS = 60_000;

/** Where the output of the server started with this name goes. */
export const logFile = (name: string) => join(LOG_DIR, `${name}.log`);

function fileLog(name: string): (line: string) => void {
  mkdirSync(LOG_DIR, { recursive: true });
  const stream = createWriteStream(logFile(name), { flags: "a" });
  return (line) => stream.write(`${line}\n`);
}

/** What every server of one test run shares. */
export interface StackSettings {
  /** The run's database as each app's own role. */
  databaseUrls: Record<App, string>;
  secret: string;
  /** The mail outbox (default: the app's own, .data/mail). */
  mailOutboxDir?: string;
}

export interface RunningServer {
  url: string;
  stop(): Promise<void>;
}

async function started(process: ManagedProcess, readyUrl: string): Promise<RunningServer> {
  let alive = true;
  void process.exited.then(() => {
    alive = false;
  });
  try {
    await waitForHttp(readyUrl, { timeoutMs: START_TIMEOUT_MS, alive: () => alive });
  } catch (error) {
    await process.stop();
    throw new Error(`${process.name} did not start (see ${LOG_DIR}): ${String(error)}`);
  }
  return { url: new URL(readyUrl).origin, stop: () => process.stop() };
}

export async function startApi(
  settings: StackSettings,
  options: { name: string; webUrl: string; jwksUrl?: string; port?: number },
): Promise<RunningServer> {
  const api = await startApiServer({
    name: options.name,
    env: {
      HOME: process.env.HOME,
      DATABASE_URL: settings.databaseUrls.api,
      BETTER_AUTH_URL: options.webUrl,
      CORS_ORIGINS: options.webUrl,
      // JWKS mode: the API holds no shared secret.
      ...(options.jwksUrl
        ? { AUTH_JWKS_URL: options.jwksUrl }
        : { BETTER_AUTH_SECRET: settings.secret }),
      RATE_LIMIT_PER_MINUTE: "100000",
      // Reminder emails land in the same outbox as the web app's account emails.
      ...(settings.mailOutboxDir ? { MAIL_OUTBOX_DIR: settings.mailOutboxDir } : {}),
    },
    log: fileLog(options.name),
    timeoutMs: START_TIMEOUT_MS,
    ...(options.port ? { port: options.port } : {}),
  }).catch((error: unknown) => {
    throw new Error(`${options.name} did not start (see ${LOG_DIR}): ${String(error)}`);
  });
  return { url: api.url, stop: () => api.process.stop() };
}

/** Settings a spec may change; the rest is fixed for the run. */
export interface WebTuning {
  tokenTtlSeconds?: number;
  /** Default: high enough never to trip in tests. */
  authRateLimitPerMinute?: number;
  tokenAlg?: "HS256" | "EdDSA";
  /** TRUST_PROXY; default unset (the client IP is the socket's). */
  trustProxy?: string;
  /** Default: the app's default, false outside production. */
  requireEmailVerification?: boolean;
  /**
   * Default "test": `next start` would otherwise run as production, which needs `SMTP_URL`.
   * The build is the same production build either way.
   */
  nodeEnv?: "test" | "production";
  smtpUrl?: string;
}

export interface WebOptions extends WebTuning {
  name: string;
  port: number;
  apiUrl: string;
  /** BETTER_AUTH_URL, e.g. an https:// origin behind a TLS proxy; default: the server's own. */
  publicUrl?: string;
}

/** `next start` on the existing production build, served at http://localhost:<port>. */
export async function startWeb(
  settings: StackSettings,
  options: WebOptions,
): Promise<RunningServer> {
  const url = `http://localhost:${options.port}`;
  const web = startProcess({
    name: options.name,
    command: BIN("next"),
    args: ["start", "--port", String(options.port)],
    cwd: WEB_DIR,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DATABASE_URL: settings.databaseUrls.web,
      BETTER_AUTH_SECRET: settings.secret,
      BETTER_AUTH_URL: options.publicUrl ?? url,
      API_URL: options.apiUrl,
      // Many sign-ups come from one IP; the limit has its own test.
      AUTH_RATE_LIMIT_PER_MINUTE: String(options.authRateLimitPerMinute ?? 100_000),
      AUTH_TOKEN_ALG: options.tokenAlg ?? "HS256",
      ...(options.tokenTtlSeconds
        ? { AUTH_TOKEN_TTL_SECONDS: String(options.tokenTtlSeconds) }
        : {}),
      ...(options.trustProxy ? { TRUST_PROXY: options.trustProxy } : {}),
      NODE_ENV: options.nodeEnv ?? "test",
      ...(settings.mailOutboxDir ? { MAIL_OUTBOX_DIR: settings.mailOutboxDir } : {}),
      ...(options.smtpUrl ? { SMTP_URL: options.smtpUrl } : {}),
      ...(options.requireEmailVerification !== undefined
        ? { REQUIRE_EMAIL_VERIFICATION: String(options.requireEmailVerification) }
        : {}),
      NEXT_TELEMETRY_DISABLED: "1",
    },
    log: fileLog(options.name),
  });
  return started(web, `${url}/`);
}

/**
 * A web app with its own API (the API only accepts tokens whose `iss` is its web app). The web
 * app starts first: in EdDSA mode the API fetches its JWKS, and refetches at most every 30 s.
 */
export async function startStack(
  settings: StackSettings,
  options: WebTuning & { name: string },
): Promise<{ webUrl: string; apiUrl: string; stop(): Promise<void> }> {
  const { name, ...tuning } = options;
  const [webPort, apiPort] = [await freePort(), await freePort()];
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const web = await startWeb(settings, { ...tuning, name: `${name}-web`, port: webPort, apiUrl });
  const api = await startApi(settings, {
    name: `${name}-api`,
    webUrl: web.url,
    port: apiPort,
    ...(tuning.tokenAlg === "EdDSA" ? { jwksUrl: `${web.url}/api/auth/jwks` } : {}),
  }).catch(async (error: unknown) => {
    await web.stop();
    throw error;
  });
  return {
    webUrl: web.url,
    apiUrl,
    stop: async () => {
      await web.stop();
      await api.stop();
    },
  };
}
