"use client";

import type { FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { authErrorMessage, authRequest } from "@/lib/auth-request";
import { useAccountAction } from "../hooks/use-account-action";
import { ExportButtons } from "./export-buttons";
import { SettingsSection } from "./settings-section";

/** Where a deleted account's browser lands, signed out. */
export const ACCOUNT_DELETED_PATH = "/account-deleted";

function field(form: HTMLFormElement, name: string): string {
  return String(new FormData(form).get(name) ?? "").trim();
}

/**
 * Deleting the account: the export offered first, then the password (and a code while two-factor
 * is on). The server deletes the data at the API, then the account (src/lib/account-deletion.ts).
 */
export function DeleteAccountSection({
  userId,
  twoFactorEnabled,
}: {
  userId: string;
  twoFactorEnabled: boolean;
}) {
  const { pending, error, run } = useAccountAction();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    // The password field is kept as typed: it is left unchanged on failure.
    const password = String(new FormData(form).get("password") ?? "");
    const code = field(form, "code");
    const deleted = await run(
      async () => {
        if (!password) return "Enter your password to delete your account.";
        if (twoFactorEnabled && !code) return "Enter a code from your authenticator app.";
        const { error } = await authRequest("/delete-user", {
          password,
          ...(twoFactorEnabled ? { code } : {}),
        });
        if (error?.code === "INVALID_PASSWORD") return "The password is incorrect.";
        if (error?.code === "INVALID_CODE" || error?.code === "INVALID_BACKUP_CODE") {
          return "That code is not right. Enter the code your app shows now, or an unused backup code.";
        }
        return error ? authErrorMessage(error) : null;
      },
      { refresh: false },
    );
    // A full navigation: nothing of the signed-in pages stays in memory.
    if (deleted) window.location.assign(ACCOUNT_DELETED_PATH);
  }

  return (
    <SettingsSection
      title="Delete account"
      description="Deletes your account with every list and task, and signs you out everywhere. This cannot be undone."
    >
      <div className="flex flex-col gap-2">
        <p className="text-sm">Download your data first if you want to keep it:</p>
        <ExportButtons userId={userId} />
      </div>
      <form noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
        {error ? <Alert>{error}</Alert> : null}
        <FormField label="Password">
          {(control) => (
            <Input
              {...control}
              name="password"
              type="password"
              autoComplete="current-password"
              required
            />
          )}
        </FormField>
        {twoFactorEnabled ? (
          <FormField
            label="Authentication code"
            hint="From your authenticator app, or a backup code."
          >
            {(control) => (
              <Input
                {...control}
                name="code"
                autoComplete="one-time-code"
                className="max-w-52"
                required
              />
            )}
          </FormField>
        ) : null}
        <div>
          <Button type="submit" variant="danger" disabled={pending}>
            {pending ? "Deleting…" : "Delete my account"}
          </Button>
        </div>
      </form>
    </SettingsSection>
  );
}
