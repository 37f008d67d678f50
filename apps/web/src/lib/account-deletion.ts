import "server-only";
import { APIError } from "better-auth/api";
import { createApiClient, describeError } from "./api-client";
import { audit } from "./audit";
import { log } from "./log";

/** Long enough for the API to delete many thousands of tasks; the person is waiting on it. */
const ERASE_TIMEOUT_MS = 15_000;

interface DeletionOptions {
  apiUrl: string;
  /** A token for the user of the request being served (its session still exists here). */
  tokenFor: (headers: Headers) => Promise<string>;
}

/**
 * Better Auth's `user.deleteUser`: once the password (and a code while two-factor is on; see
 * two-factor-guard-plugin.ts) is verified, the user's tasks and lists are deleted at the API,
 * then the account; if the API cannot delete them, the account stays and the person is told.
 * Deleting the user row ends every session and refuses every token issued so far (the
 * revocation triggers of migration 0005).
 */
export function accountDeletion({ apiUrl, tokenFor }: DeletionOptions) {
  return {
    enabled: true,
    beforeDelete: async (user: { id: string }, request?: Request) => {
      if (!request) throw new Error("An account is deleted only by its signed-in user");
      const client = createApiClient({
        apiUrl,
        fetchToken: () => tokenFor(request.headers),
        timeoutMs: ERASE_TIMEOUT_MS,
      });
      try {
        await client.request("DELETE", `/api/${encodeURIComponent(user.id)}`);
      } catch (error) {
        log("warn", `account deletion: the API did not delete the data: ${describeError(error)}`);
        throw new APIError("SERVICE_UNAVAILABLE", {
          code: "DATA_NOT_DELETED",
          message: "Your tasks could not be deleted just now, so your account was kept. Try again.",
        });
      }
    },
    afterDelete: async (user: { id: string; email: string }, request?: Request) => {
      audit("account.deleted", { userId: user.id, email: user.email }, request?.headers);
    },
  };
}
