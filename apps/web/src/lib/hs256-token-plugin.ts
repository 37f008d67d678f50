import type { BetterAuthPlugin } from "better-auth";
import { createAuthEndpoint, sessionMiddleware } from "better-auth/api";
import { SignJWT } from "jose";

export interface TokenOptions {
  /** HMAC key: the UTF-8 bytes of BETTER_AUTH_SECRET (docs/api.md, Tokens). */
  secret: string;
  /** BETTER_AUTH_URL: both `iss` and `aud`. */
  issuer: string;
  ttlSeconds: number;
}

/**
 * The claims of every API token besides `iat`, `exp`, `iss` and `aud`: only what the API uses.
 * No name or email: they are the user's to change, and a long one made tokens the API refused.
 * `sid` is the session's id (not its cookie token): the API refuses the tokens of a session once
 * it ends.
 */
export function tokenClaims({ user, session }: { user: { id: string }; session: { id: string } }) {
  return { sub: user.id, sid: session.id };
}

/**
 * `GET /api/auth/token` signing HS256 tokens. Better Auth's jwt plugin only signs with its own
 * asymmetric keys (see docs/decisions/0007-hs256-token-endpoint.md).
 */
export function hs256Token(options: TokenOptions) {
  const key = new TextEncoder().encode(options.secret);
  return {
    id: "hs256-token",
    endpoints: {
      getToken: createAuthEndpoint(
        "/token",
        { method: "GET", requireHeaders: true, use: [sessionMiddleware] },
        async (ctx) => {
          const { sub, ...claims } = tokenClaims(ctx.context.session);
          const now = Math.floor(Date.now() / 1000);
          const token = await new SignJWT(claims)
            .setProtectedHeader({ alg: "HS256", typ: "JWT" })
            .setSubject(sub)
            .setIssuedAt(now)
            .setExpirationTime(now + options.ttlSeconds)
            .setIssuer(options.issuer)
            .setAudience(options.issuer)
            .sign(key);
          ctx.setHeader("Cache-Control", "no-store");
          return ctx.json({ token });
        },
      ),
    },
  } satisfies BetterAuthPlugin;
}
