"use client";

import { PASSWORD_MAX, PASSWORD_MIN, signUpSchema } from "@todo/contract/auth-forms";
import { type FormEvent, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { authErrorMessage, authRequest } from "@/lib/auth-request";
import { useAccountAction } from "../hooks/use-account-action";
import { CurrentPasswordField } from "./credential-fields";
import { FormActions, SuccessStatus } from "./form-actions";
import { SettingsSection } from "./settings-section";

type Field = "currentPassword" | "newPassword";

/** Changing the password ends every other session (Better Auth's `revokeOtherSessions`). */
export function PasswordSection() {
  const { pending, error, run } = useAccountAction();
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<Field, string>>>({});
  const [changed, setChanged] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setChanged(false);
    const form = event.currentTarget;
    const data = new FormData(form);
    const currentPassword = String(data.get("currentPassword") ?? "");
    const newPassword = String(data.get("newPassword") ?? "");
    const found: Partial<Record<Field, string>> = {
      currentPassword: currentPassword ? undefined : "Enter your current password",
      newPassword: signUpSchema.shape.password.safeParse(newPassword).error?.issues[0]?.message,
    };
    setFieldErrors(found);
    const invalid = (["currentPassword", "newPassword"] as const).find((field) => found[field]);
    if (invalid) {
      form.querySelector<HTMLInputElement>(`[name="${invalid}"]`)?.focus();
      return;
    }
    const done = await run(async () => {
      const { error } = await authRequest("/change-password", {
        currentPassword,
        newPassword,
        revokeOtherSessions: true,
      });
      if (error?.code === "INVALID_PASSWORD") {
        setFieldErrors({ currentPassword: "The current password is incorrect" });
        return "The password was not changed.";
      }
      return error ? authErrorMessage(error) : null;
    });
    if (done) form.reset();
    setChanged(done);
  }

  return (
    <SettingsSection
      title="Password"
      description="Changing your password signs you out on every other device."
    >
      <form noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
        {error ? <Alert>{error}</Alert> : null}
        <CurrentPasswordField
          label="Current password"
          error={fieldErrors.currentPassword}
          name="currentPassword"
        />
        <FormField
          label="New password"
          error={fieldErrors.newPassword}
          hint={`${PASSWORD_MIN} to ${PASSWORD_MAX} characters.`}
        >
          {(control) => (
            <Input {...control} name="newPassword" type="password" autoComplete="new-password" />
          )}
        </FormField>
        <FormActions pending={pending} label="Change password" pendingLabel="Changing…">
          <SuccessStatus>
            {changed ? "Password changed. Your other sessions have ended." : ""}
          </SuccessStatus>
        </FormActions>
      </form>
    </SettingsSection>
  );
}
