import "server-only";
import Bowser from "bowser";
import { headers } from "next/headers";
import { getAuth } from "@/lib/auth";

export interface SessionSummary {
  id: string;
  /** "Chrome 156", from the user agent; null when it names no known browser. */
  browser: string | null;
  os: string | null;
  ipAddress: string | null;
  createdAt: string;
  /** Better Auth moves `updatedAt` each time it extends the session. */
  lastActiveAt: string;
  current: boolean;
}

export interface PasskeySummary {
  id: string;
  name: string | null;
  createdAt: string | null;
}

export interface Account {
  id: string;
  name: string;
  email: string;
  twoFactorEnabled: boolean;
  sessions: SessionSummary[];
  passkeys: PasskeySummary[];
}

/** Parsed here, on the server, so the user-agent parser never reaches the browser. */
function describeUserAgent(userAgent: string | null | undefined) {
  if (!userAgent) return { browser: null, os: null };
  const { browser, os } = Bowser.parse(userAgent);
  const major = browser.version?.split(".")[0];
  return {
    browser: browser.name ? [browser.name, major].filter(Boolean).join(" ") : null,
    os: os.name ? [os.name, os.versionName].filter(Boolean).join(" ") : null,
  };
}

/**
 * What the settings page shows, read through Better Auth with the request's cookie. Session
 * tokens stay on the server: the page names sessions by id (see ./revoke-session.ts).
 */
export async function loadAccount(): Promise<Account | null> {
  const requestHeaders = await headers();
  const auth = getAuth();
  const current = await auth.api.getSession({ headers: requestHeaders });
  if (!current) return null;
  const [sessions, passkeys] = await Promise.all([
    auth.api.listSessions({ headers: requestHeaders }),
    auth.api.listPasskeys({ headers: requestHeaders }),
  ]);
  return {
    id: current.user.id,
    name: current.user.name,
    email: current.user.email,
    twoFactorEnabled: Boolean(current.user.twoFactorEnabled),
    sessions: sessions
      .map((session) => ({
        id: session.id,
        ...describeUserAgent(session.userAgent),
        ipAddress: session.ipAddress ?? null,
        createdAt: new Date(session.createdAt).toISOString(),
        lastActiveAt: new Date(session.updatedAt).toISOString(),
        current: session.id === current.session.id,
      }))
      // This device first, then the most recently active.
      .sort(
        (a, b) =>
          Number(b.current) - Number(a.current) || b.lastActiveAt.localeCompare(a.lastActiveAt),
      ),
    passkeys: passkeys.map((passkey) => ({
      id: passkey.id,
      name: passkey.name ?? null,
      createdAt: passkey.createdAt ? new Date(passkey.createdAt).toISOString() : null,
    })),
  };
}
