import { createDecoder, createVerifier, type VerifierOptions } from "fast-jwt";

/** Tokens larger than this are refused before any parsing (contract: over 8 KiB is a 401). */
export const MAX_TOKEN_BYTES = 8192;
const CLOCK_TOLERANCE_MS = 30_000;
/** The web app's tokens live 15 minutes; whatever was signed, none is believed for longer. */
const MAX_LIFETIME_SECONDS = 24 * 60 * 60;
const SUB_MAX = 255;
const SID_MAX = 255;
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
const CONTROL_CHARACTERS = /[\u0000-\u001F\u007F]/;

export interface Principal {
  sub: string;
  /** The web app's session that minted the token (docs/api.md, Ended sessions); absent in others. */
  sid?: string | undefined;
  /** Seconds since the epoch. */
  iat: number;
}

/** Resolves the token's principal, or null for any token that is not acceptable. */
export type TokenVerifier = (token: string) => Principal | null | Promise<Principal | null>;

type Claims = Record<string, unknown>;

/** A signature check for one key: the token's claims, or a throw. */
export type Verify = (token: string) => unknown;

/** Where JWKS mode finds the check for a `kid` (the JWKS cache). */
export interface KeySource {
  verifierFor(kid: string): Promise<Verify | undefined>;
}

export function verifierOptions(issuer: string): Partial<VerifierOptions> {
  return {
    allowedIss: issuer,
    allowedAud: issuer,
    // fast-jwt skips its iss/aud checks when the claim is absent, so they are required too.
    requiredClaims: ["sub", "iat", "exp", "iss", "aud"],
    clockTolerance: CLOCK_TOLERANCE_MS,
    // Only the claims are needed; fast-jwt's own cache is off so each request is checked.
    cache: false,
  };
}

/**
 * Our checks on top of the library's: claim types, a sane `sub`, a `sid` that can be looked up,
 * and a bounded lifetime — a token issued in the future or valid for years is refused however
 * well it is signed.
 */
function principalFrom(claims: Claims): Principal | null {
  const { sub, sid, iat, exp } = claims;
  if (typeof sub !== "string" || sub.length === 0 || sub.length > SUB_MAX) return null;
  if (CONTROL_CHARACTERS.test(sub)) return null;
  if (typeof iat !== "number" || typeof exp !== "number") return null;
  if (iat * 1000 > Date.now() + CLOCK_TOLERANCE_MS) return null;
  if (exp - iat > MAX_LIFETIME_SECONDS) return null;
  if (sid === undefined) return { sub, iat };
  if (typeof sid !== "string" || sid.length === 0 || sid.length > SID_MAX) return null;
  return { sub, sid, iat };
}

function withinSize(token: string): boolean {
  // UTF-16 length bounds the UTF-8 length from below; only non-ASCII tokens need the exact count.
  return (
    token.length <= MAX_TOKEN_BYTES &&
    (token.length * 3 <= MAX_TOKEN_BYTES || Buffer.byteLength(token) <= MAX_TOKEN_BYTES)
  );
}

/**
 * Default mode: HS256 exactly, keyed by the UTF-8 bytes of the shared secret. The
 * header's `kid`/`jku` are never consulted: there is one key.
 */
export function createHs256Verifier(secret: string, issuer: string): TokenVerifier {
  const verify = createVerifier({
    key: Buffer.from(secret, "utf8"),
    algorithms: ["HS256"],
    ...verifierOptions(issuer),
  });
  return (token) => {
    if (!withinSize(token)) return null;
    try {
      return principalFrom(verify(token) as Claims);
    } catch {
      return null;
    }
  };
}

const decodeHeader = createDecoder({ complete: true });

/**
 * JWKS mode: EdDSA exactly, with the key named by the header's `kid` taken from the
 * configured JWKS (never from a URL in the token).
 */
export function createJwksVerifier(jwks: KeySource): TokenVerifier {
  return async (token) => {
    if (!withinSize(token)) return null;
    try {
      const { header } = decodeHeader(token) as { header: Claims };
      if (header.alg !== "EdDSA" || typeof header.kid !== "string") return null;
      const verify = await jwks.verifierFor(header.kid);
      return verify ? principalFrom(verify(token) as Claims) : null;
    } catch {
      return null;
    }
  };
}
