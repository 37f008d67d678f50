"use client";

import type { FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { authRequest } from "@/lib/auth-request";
import { credentialsErrorMessage, formText } from "../credentials";
import { useAccountAction } from "../hooks/use-account-action";
import { CurrentPasswordField, TwoFactorCodeField } from "./credential-fields";
import { ExportButtons } from "./export-buttons";
import { FormActions } from "./form-actions";
import { SettingsSection } from "./settings-section";

/** Where a deleted account's browser lands, signed out. */
export const ACCOUNT_DELETED_PATH = "/account-deleted";

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
    const code = formText(form, "code");
    const deleted = await run(
      async () => {
        if (!password) return "Enter your password to delete your account.";
        if (twoFactorEnabled && !code) return "Enter a code from your authenticator app.";
        const { error } = await authRequest("/delete-user", {
          password,
          ...(twoFactorEnabled ? { code } : {}),
        });
        return credentialsErrorMessage(error);
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
        <CurrentPasswordField label="Password" required />
        {twoFactorEnabled ? (
          <TwoFactorCodeField
            label="Authentication code"
            hint="From your authenticator app, or a backup code."
            required
          />
        ) : null}
        <FormActions
          pending={pending}
          label="Delete my account"
          pendingLabel="Deleting…"
          variant="danger"
        />
      </form>
    </SettingsSection>
  );
}
