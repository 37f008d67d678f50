import { getSessionCookie } from "better-auth/cookies";
import { type NextRequest, NextResponse } from "next/server";
import { signInPath } from "@/lib/next-path";

/**
 * Fast path only: no session cookie means no session, so skip rendering and send the visitor to
 * sign in. Whether a present cookie is valid is checked by the page on the server.
 */
export function proxy(request: NextRequest) {
  if (getSessionCookie(request)) return NextResponse.next();
  const { pathname, search } = request.nextUrl;
  return NextResponse.redirect(new URL(signInPath(`${pathname}${search}`), request.url));
}

export const config = { matcher: ["/tasks/:path*", "/settings/:path*"] };
