"use server";

import { headers } from "next/headers";
import { getAuth } from "@/lib/auth";

/**
 * Ends one of the signed-in user's other sessions, named by id. Better Auth's revoke-session
 * wants the session token; looking it up here keeps every token out of the browser.
 */
export async function revokeSession(sessionId: string): Promise<{ error: string | null }> {
  const requestHeaders = await headers();
  const auth = getAuth();
  try {
    const sessions = await auth.api.listSessions({ headers: requestHeaders });
    const target = sessions.find((session) => session.id === sessionId);
    if (target)
      await auth.api.revokeSession({ headers: requestHeaders, body: { token: target.token } });
    // Not found: it has ended already, which is what was asked.
    return { error: null };
  } catch {
    return { error: "This session could not be ended. Reload the page and try again." };
  }
}
