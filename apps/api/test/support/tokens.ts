import { SignJWT } from "jose";

/** The secret and issuer of the test apps (the benchmark passes its own secret). */
export const TEST_SECRET = "test-secret-that-is-at-least-32-characters-long";
export const AUTH_URL = "http://localhost:3000";

export interface TokenOptions {
  sub?: string | undefined;
  secret?: string;
  issuer?: string;
  audience?: string | string[];
  expiresIn?: number;
  /** `iat`, seconds since the epoch; default now. */
  issuedAt?: number;
  claims?: Record<string, unknown>;
}

/** An HS256 token as the web app (Better Auth's jwt plugin) issues it. */
export function signToken(sub: string, options: TokenOptions = {}): Promise<string> {
  const now = options.issuedAt ?? Math.floor(Date.now() / 1000);
  const jwt = new SignJWT({ ...options.claims })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuedAt(now)
    .setExpirationTime(now + (options.expiresIn ?? 900))
    .setIssuer(options.issuer ?? AUTH_URL)
    .setAudience(options.audience ?? AUTH_URL)
    .setSubject(sub);
  return jwt.sign(new TextEncoder().encode(options.secret ?? TEST_SECRET));
}
