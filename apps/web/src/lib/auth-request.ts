/** Better Auth's error answer: its `code` and `message`, with the HTTP status (0: in the browser). */
export interface AuthError {
  status: number;
  code?: string | undefined;
  message?: string | undefined;
}

export type AuthResult<T> = { data: T; error: null } | { data: null; error: AuthError };

/**
 * One call to Better Auth's endpoints under /api/auth (same origin, the session cookie): a GET
 * without `body`, else a JSON POST. Plain `fetch` instead of Better Auth's browser client, which
 * would bring its server environment module (and 40 KB) into the page.
 */
export async function authRequest<T = unknown>(
  path: string,
  body?: unknown,
): Promise<AuthResult<T>> {
  const response = await fetch(
    `/api/auth${path}`,
    body === undefined
      ? {}
      : {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify(body),
        },
  );
  const payload = await response.json().catch(() => null);
  if (response.ok) return { data: payload as T, error: null };
  const { code, message } = (payload ?? {}) as { code?: string; message?: string };
  return { data: null, error: { status: response.status, code, message } };
}

/** An error answer in words for the person using the form. */
export function authErrorMessage(
  error: AuthError | null,
  fallback = "Something went wrong on our side. Please try again.",
): string {
  if (error?.status === 429) return "Too many attempts. Please wait a minute and try again.";
  return error?.message || fallback;
}
