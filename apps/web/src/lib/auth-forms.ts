/** What the account forms (sign-in, sign-up, password reset, verification) share. */

import { importOrReload } from "./new-build-reload";
import { tooManyRequestsMessage } from "./too-many-requests";

type AuthSchemas = typeof import("@todo/contract/auth-forms");
export type AuthSchemaName = {
  [K in keyof AuthSchemas]: AuthSchemas[K] extends { safeParse: unknown } ? K : never;
}[keyof AuthSchemas];

let schemas: Promise<AuthSchemas> | undefined;
/**
 * The validation rules load on first use (a form gets focus), not with the page: they are the
 * largest part of these pages' own script.
 */
export function loadAuthSchemas(): Promise<AuthSchemas> {
  schemas ??= importOrReload(() => import("@todo/contract/auth-forms"));
  return schemas;
}

/** Checks the named fields of a form; `errors` holds the first message of each invalid field. */
export async function validateForm<Field extends string>(
  schema: AuthSchemaName,
  form: HTMLFormElement,
  fields: readonly Field[],
) {
  const data = new FormData(form);
  const values = Object.fromEntries(fields.map((field) => [field, String(data.get(field) ?? "")]));
  const result = (await loadAuthSchemas())[schema].safeParse(values);
  const errors: Partial<Record<Field, string>> = {};
  for (const issue of result.error?.issues ?? []) {
    const field = issue.path[0] as Field;
    errors[field] ??= issue.message;
  }
  return { data: result.data as Record<Field, string> | undefined, errors };
}

/** Moves focus to the first field named in `errors`, so the user lands on what to fix. */
export function focusFirstInvalid<Field extends string>(
  form: HTMLFormElement,
  fields: readonly Field[],
  errors: Partial<Record<Field, string>>,
) {
  const first = fields.find((field) => errors[field]);
  form.querySelector<HTMLInputElement>(`[name="${first}"]`)?.focus();
}

export const UNREACHABLE_MESSAGE = "Can't reach the server. Check your connection and try again.";
export const SERVER_FAILURE_MESSAGE = "Something went wrong on our side. Please try again.";

/** POSTs JSON to one of Better Auth's endpoints; null when the server cannot be reached. */
export async function postAuth(path: string, body: unknown): Promise<Response | null> {
  try {
    return await fetch(`/api/auth/${path}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
  } catch {
    return null;
  }
}

/** The `code` and `message` of a Better Auth error answer, where it has them. */
export async function authError(response: Response): Promise<{ code?: string; message?: string }> {
  const body = (await response.json().catch(() => null)) as {
    code?: unknown;
    message?: unknown;
  } | null;
  return {
    ...(typeof body?.code === "string" ? { code: body.code } : {}),
    // Better Auth prefixes messages from hooks with their code ("PASSWORD_TOO_COMMON: …").
    ...(typeof body?.message === "string" ? { message: body.message.replace(/^\w+: /, "") } : {}),
  };
}

/** Why a new password would be refused beyond the schema's bounds (a common one), if it would. */
export async function newPasswordProblem(password: string): Promise<string | undefined> {
  const { isCommonPassword, PASSWORD_TOO_COMMON } = await importOrReload(
    () => import("@/lib/password-policy"),
  );
  return isCommonPassword(password) ? PASSWORD_TOO_COMMON.message : undefined;
}

/** The form's error when a request was refused for no reason of its own, or never arrived. */
export function requestFailureMessage(response: Response | null): string {
  return response
    ? (tooManyRequestsMessage(response) ?? SERVER_FAILURE_MESSAGE)
    : UNREACHABLE_MESSAGE;
}
