import { randomBytes } from "node:crypto";
import { getSessionCookie } from "better-auth/cookies";
import { type NextRequest, NextResponse } from "next/server";
import { getEnv } from "@/lib/env";
import { authPagePath } from "@/lib/next-path";
import { pageContentSecurityPolicy, strictTransportSecurity } from "@/lib/security-headers";

/** Pages that need a session. */
const PROTECTED_PATH = /^\/(tasks|settings)(\/|$)/;

/**
 * Every page gets a fresh CSP nonce, and HSTS when served over HTTPS. Protected pages without a
 * session cookie go to sign-in without rendering; whether a present cookie is valid is checked
 * by the page on the server.
 */
export function proxy(request: NextRequest) {
  const env = getEnv();
  const csp = pageContentSecurityPolicy({
    nonce: randomBytes(16).toString("base64"),
    apiUrl: env.API_URL,
    development: env.NODE_ENV === "development",
  });
  const { pathname, search } = request.nextUrl;
  let response: NextResponse;
  if (PROTECTED_PATH.test(pathname) && !getSessionCookie(request)) {
    const signIn = authPagePath("/sign-in", `${pathname}${search}`);
    response = NextResponse.redirect(new URL(signIn, request.url));
  } else {
    // Next.js reads the nonce from the request's policy and puts it on the scripts it renders.
    const requestHeaders = new Headers(request.headers);
    requestHeaders.set("Content-Security-Policy", csp);
    response = NextResponse.next({ request: { headers: requestHeaders } });
  }
  response.headers.set("Content-Security-Policy", csp);
  const hsts = strictTransportSecurity(env.BETTER_AUTH_URL);
  if (hsts) response.headers.set("Strict-Transport-Security", hsts);
  return response;
}

// Pages only: not API routes, Next.js's own files (/_next/…) or the icon.
export const config = { matcher: ["/((?!api/|_next/|icon\\.svg).*)"] };
