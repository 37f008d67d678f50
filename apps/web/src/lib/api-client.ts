// Types only: a value import would pull zod into every page that talks to the API.
import type { FieldError, Problem } from "@todo/contract/problem";
import { authPagePath } from "./next-path";
import { retryAfterSeconds, tooManyRequestsMessage } from "./too-many-requests";

/** A token is refreshed this long before its `exp`, so a request never leaves with one about to lapse. */
const EXPIRY_MARGIN_MS = 60_000;

/**
 * The longest `Retry-After` waited out before the one retry of a 429 (ADR 0041). The limits in
 * the way count per minute, so a wait this short means the window was about to end, and the
 * person who clicked still gets an answer soon; a longer one is reported at once, with its wait.
 */
const RETRY_WAIT_CAP_MS = 10_000;

/** The API answered with an error; the fields come from its problem+json body when it sent one. */
export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail: string | undefined;
  readonly fieldErrors: FieldError[];

  constructor(problem: Pick<Problem, "status" | "title" | "detail" | "errors">) {
    super(problem.detail ?? problem.title);
    this.name = "ApiError";
    this.status = problem.status;
    this.title = problem.title;
    this.detail = problem.detail;
    this.fieldErrors = problem.errors ?? [];
  }
}

/** The request never got an answer: the server is down or the network is gone. Worth a retry. */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super("Can't reach the server. Check your connection and try again.", { cause });
    this.name = "NetworkError";
  }
}

/** The session cookie no longer yields a token; the user has been sent to sign in again. */
export class SessionExpiredError extends Error {
  constructor() {
    super("Your session has ended. Please sign in again.");
    this.name = "SessionExpiredError";
  }
}

export interface RequestOptions {
  body?: unknown;
  /** The entity tag the change is based on: the API answers 412 if the resource has moved on. */
  ifMatch?: string;
  signal?: AbortSignal;
  /** Lets a request outlive the page, e.g. a delete sent while the tab closes. */
  keepalive?: boolean;
}

/** A response body with its `ETag`: the version of the resource it shows. */
export interface Versioned<T> {
  data: T;
  etag: string | null;
}

/** A response body to save as a file, with the name the API gave it (`Content-Disposition`). */
export interface Download {
  blob: Blob;
  filename: string | null;
}

export interface ApiClient {
  request<T>(method: string, path: string, options?: RequestOptions): Promise<T>;
  /** A GET whose body is a file (an export), not JSON to read. */
  download(path: string, options?: RequestOptions): Promise<Download>;
  /** Like `request`, keeping the response's `ETag` to send back as `ifMatch`. */
  requestVersioned<T>(
    method: string,
    path: string,
    options?: RequestOptions,
  ): Promise<Versioned<T>>;
}

export interface ApiClientOptions {
  /** The API's origin, e.g. `http://localhost:8000`. */
  apiUrl: string;
  /** The web app's token endpoint; it answers from the httpOnly session cookie. */
  tokenUrl?: string;
  /** Called once the session is gone; the default sends the browser to sign-in. */
  onSessionExpired?: () => void;
  /** Where tokens come from when not from `tokenUrl`: a server render signs its own. */
  fetchToken?: () => Promise<string>;
  /** Each request gives up after this long; a server render must not wait on a stalled API. */
  timeoutMs?: number;
}

interface CachedToken {
  token: string;
  expiresAt: number;
}

/** Reads `exp` without verifying: the API verifies, the client only needs to know when to refresh. */
function expiryOf(token: string): number {
  const payload = token.split(".")[1];
  if (!payload) return 0;
  try {
    const json = atob(payload.replace(/-/g, "+").replace(/_/g, "/"));
    const exp: unknown = JSON.parse(json).exp;
    return typeof exp === "number" ? exp * 1000 : 0;
  } catch {
    return 0;
  }
}

/** Sends the browser to sign-in, coming back to the current page afterwards. */
export function redirectToSignIn(): void {
  const next = window.location.pathname + window.location.search;
  window.location.assign(authPagePath("/sign-in", next));
}

async function send(input: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(input, init);
  } catch (error) {
    // An abort is the caller's decision, not a network failure.
    if (init.signal?.aborted) throw error;
    throw new NetworkError(error);
  }
}

/** `promise`, unless `signal` aborts first: then a rejection with the abort's reason. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    else signal.addEventListener("abort", onAbort, { once: true });
    // Settles nothing after an abort, but keeps a later rejection of `promise` handled.
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

/**
 * The answer of `attemptOnce`; after a 429 that asks for a wait of at most `capMs`, that of one
 * more attempt once the wait is over. A 429 means the request was not processed, so it is sent
 * again whatever its method. An abort of `signal` during the wait rejects with it, with no retry.
 */
async function retriedAfterShortWait(
  attemptOnce: () => Promise<Response>,
  capMs: number,
  signal?: AbortSignal,
): Promise<Response> {
  const response = await attemptOnce();
  const seconds = response.status === 429 ? retryAfterSeconds(response) : undefined;
  const waitMs = seconds === undefined ? undefined : seconds * 1000;
  if (waitMs === undefined || waitMs > capMs) return response;
  await response.body?.cancel();
  await untilAborted(new Promise((resolve) => setTimeout(resolve, waitMs)), signal);
  return attemptOnce();
}

async function toApiError(response: Response): Promise<ApiError> {
  const fallback = {
    status: response.status,
    title: response.statusText || "Request failed",
    // What a person can act on when the body says nothing better (Better Auth's limiter).
    detail: tooManyRequestsMessage(response) ?? undefined,
  };
  // application/problem+json, or plain JSON from a proxy in between.
  if (!response.headers.get("content-type")?.includes("json")) {
    return new ApiError(fallback);
  }
  try {
    const problem = (await response.json()) as Partial<Problem>;
    return new ApiError({
      status: response.status,
      title: typeof problem.title === "string" ? problem.title : fallback.title,
      detail: typeof problem.detail === "string" ? problem.detail : fallback.detail,
      errors: Array.isArray(problem.errors) ? problem.errors : undefined,
    });
  } catch {
    return new ApiError(fallback);
  }
}

/**
 * The one module that talks to the API. The JWT lives only in this closure (never in storage
 * or a readable cookie), is reused until shortly before it expires, and is fetched once for
 * every caller that needs a fresh one at the same time.
 */
export function createApiClient({
  apiUrl,
  tokenUrl = "/api/auth/token",
  onSessionExpired = redirectToSignIn,
  fetchToken,
  timeoutMs,
}: ApiClientOptions): ApiClient {
  const baseUrl = apiUrl.replace(/\/+$/, "");
  // A caller that gives up on an answer after timeoutMs would not wait longer for a retry.
  const waitCapMs = Math.min(RETRY_WAIT_CAP_MS, timeoutMs ?? RETRY_WAIT_CAP_MS);
  let cached: CachedToken | null = null;
  let refreshing: Promise<string> | null = null;

  async function tokenFromSession(): Promise<string> {
    // Shared by every caller waiting for a token, so no one caller's signal cancels the wait.
    const response = await retriedAfterShortWait(
      () => send(tokenUrl, { credentials: "same-origin", cache: "no-store" }),
      waitCapMs,
    );
    if (response.status === 401) {
      cached = null;
      onSessionExpired();
      throw new SessionExpiredError();
    }
    if (!response.ok) throw await toApiError(response);
    const { token } = (await response.json()) as { token: string };
    return token;
  }

  async function freshToken(): Promise<string> {
    const token = await (fetchToken ?? tokenFromSession)();
    cached = { token, expiresAt: expiryOf(token) };
    return token;
  }

  /** `stale` is the token the API just refused; a newer cached one means someone already refreshed. */
  function token(stale?: string): Promise<string> {
    if (cached && cached.token !== stale && cached.expiresAt - EXPIRY_MARGIN_MS > Date.now()) {
      return Promise.resolve(cached.token);
    }
    refreshing ??= freshToken().finally(() => {
      refreshing = null;
    });
    return refreshing;
  }

  async function attempt(method: string, path: string, bearer: string, options: RequestOptions) {
    const headers: Record<string, string> = { authorization: `Bearer ${bearer}` };
    if (options.body !== undefined) headers["content-type"] = "application/json";
    if (options.ifMatch !== undefined) headers["if-match"] = options.ifMatch;
    const deadline = timeoutMs === undefined ? undefined : AbortSignal.timeout(timeoutMs);
    return send(`${baseUrl}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal:
        deadline && options.signal
          ? AbortSignal.any([deadline, options.signal])
          : (deadline ?? options.signal),
      keepalive: options.keepalive,
      cache: "no-store",
    });
  }

  /** The API's answer, with a fresh token after a 401; the caller stops waiting on its abort. */
  async function answer(method: string, path: string, options: RequestOptions) {
    const first = await untilAborted(token(), options.signal);
    const response = await attempt(method, path, first, options);
    // A token can be revoked or expire in flight; one forced refresh tells that from a real refusal.
    if (response.status !== 401) return response;
    return attempt(method, path, await untilAborted(token(first), options.signal), options);
  }

  /** The successful response, or the API's refusal as an `ApiError`. */
  async function respond(method: string, path: string, options: RequestOptions) {
    const response = await retriedAfterShortWait(
      () => answer(method, path, options),
      waitCapMs,
      options.signal,
    );
    if (!response.ok) throw await toApiError(response);
    return response;
  }

  async function requestVersioned<T>(
    method: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<Versioned<T>> {
    const response = await respond(method, path, options);
    const etag = response.headers.get("etag");
    if (response.status === 204) return { data: undefined as T, etag };
    return { data: (await response.json()) as T, etag };
  }

  return {
    requestVersioned,
    async download(path: string, options: RequestOptions = {}): Promise<Download> {
      const response = await respond("GET", path, options);
      const disposition = response.headers.get("content-disposition") ?? "";
      const filename = /filename="([^"]+)"/.exec(disposition)?.[1] ?? null;
      return { blob: await response.blob(), filename };
    },
    async request<T>(method: string, path: string, options?: RequestOptions): Promise<T> {
      return (await requestVersioned<T>(method, path, options)).data;
    },
  };
}

/** A sentence for the UI: the API's own explanation when it gave one. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) return error.detail ?? error.title;
  if (error instanceof NetworkError || error instanceof SessionExpiredError) return error.message;
  return "Something went wrong. Please try again.";
}
