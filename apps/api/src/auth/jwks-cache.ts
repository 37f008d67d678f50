import { createPublicKey } from "node:crypto";
import { createVerifier } from "fast-jwt";
import { type KeySource, type Verify, verifierOptions } from "./token-verifier";

export interface JwksCacheOptions {
  url: string;
  issuer: string;
  /** Each fetch is abandoned after this long, so a request never waits more. */
  fetchTimeoutMs?: number;
  /** After a successful fetch, an unknown `kid` triggers no new fetch before this. */
  refetchIntervalMs?: number;
  /** After a failed fetch, the next attempt waits this long. */
  retryIntervalMs?: number;
  onError?: (error: unknown) => void;
}

interface Jwk {
  kty?: unknown;
  crv?: unknown;
  kid?: unknown;
  x?: unknown;
  use?: unknown;
  alg?: unknown;
}

/**
 * The public keys of the token issuer, by `kid`. Keys once fetched stay usable while
 * the JWKS is unreachable; an unknown `kid` causes at most one fetch per interval,
 * shared by all requests waiting for it.
 */
export class JwksCache implements KeySource {
  readonly #options: Required<Omit<JwksCacheOptions, "onError">> &
    Pick<JwksCacheOptions, "onError">;
  #verifiers = new Map<string, Verify>();
  #inFlight: Promise<void> | null = null;
  #nextFetchAt = 0;

  constructor(options: JwksCacheOptions) {
    this.#options = {
      fetchTimeoutMs: 3_000,
      refetchIntervalMs: 30_000,
      retryIntervalMs: 5_000,
      ...options,
    };
  }

  /** Starts the first fetch in the background; the API serves requests meanwhile. */
  prime(): void {
    void this.#refresh();
  }

  async verifierFor(kid: string): Promise<Verify | undefined> {
    const known = this.#verifiers.get(kid);
    if (known) return known;
    if (this.#inFlight) await this.#inFlight;
    else if (Date.now() >= this.#nextFetchAt) await this.#refresh();
    return this.#verifiers.get(kid);
  }

  #refresh(): Promise<void> {
    this.#inFlight ??= this.#fetchKeys().finally(() => {
      this.#inFlight = null;
    });
    return this.#inFlight;
  }

  async #fetchKeys(): Promise<void> {
    const { url, fetchTimeoutMs, refetchIntervalMs, retryIntervalMs } = this.#options;
    try {
      const response = await fetch(url, {
        signal: AbortSignal.timeout(fetchTimeoutMs),
        headers: { accept: "application/json" },
        redirect: "error",
      });
      if (!response.ok) throw new Error(`JWKS answered ${response.status}`);
      const body = (await response.json()) as { keys?: unknown };
      if (!Array.isArray(body.keys)) throw new Error("JWKS has no keys array");
      const verifiers = new Map<string, Verify>();
      for (const jwk of body.keys as Jwk[]) {
        const verify = this.#verifierForJwk(jwk);
        if (verify && typeof jwk.kid === "string") verifiers.set(jwk.kid, verify);
      }
      this.#verifiers = verifiers;
      this.#nextFetchAt = Date.now() + refetchIntervalMs;
    } catch (error) {
      this.#nextFetchAt = Date.now() + retryIntervalMs;
      this.#options.onError?.(error);
    }
  }

  #verifierForJwk(jwk: Jwk): Verify | null {
    if (jwk.kty !== "OKP" || jwk.crv !== "Ed25519" || typeof jwk.x !== "string") return null;
    if (jwk.use !== undefined && jwk.use !== "sig") return null;
    if (jwk.alg !== undefined && jwk.alg !== "EdDSA" && jwk.alg !== "Ed25519") return null;
    try {
      const key = createPublicKey({
        key: { kty: "OKP", crv: "Ed25519", x: jwk.x },
        format: "jwk",
      }).export({ type: "spki", format: "pem" });
      return createVerifier({
        key: key.toString(),
        algorithms: ["EdDSA"],
        ...verifierOptions(this.#options.issuer),
      });
    } catch {
      return null;
    }
  }
}
