import { type AuthError, authErrorMessage } from "@/lib/auth-request";

/** A field of a submitted form, trimmed. */
export function formText(form: HTMLFormElement, name: string): string {
  return String(new FormData(form).get(name) ?? "").trim();
}

/** The answer to a request confirmed with the password and a two-factor or backup code. */
export function credentialsErrorMessage(error: AuthError | null): string | null {
  if (error?.code === "INVALID_PASSWORD") return "The password is incorrect.";
  if (error?.code === "INVALID_CODE" || error?.code === "INVALID_BACKUP_CODE") {
    return "That code is not right. Enter the code your app shows now, or an unused backup code.";
  }
  return error ? authErrorMessage(error) : null;
}
