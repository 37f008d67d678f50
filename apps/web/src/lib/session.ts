import "server-only";
import { headers } from "next/headers";
import { getAuth } from "./auth";

/** The signed-in user of this request, checked against the database; null without a session. */
export async function currentUser() {
  // headers() first: it marks the page dynamic before anything reads the configuration.
  const requestHeaders = await headers();
  const session = await getAuth().api.getSession({ headers: requestHeaders });
  if (!session) return null;
  const { id, name, email, emailVerified } = session.user;
  return { id, name, email, emailVerified };
}
