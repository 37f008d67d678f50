"use client";

import Link from "next/link";
import { type FormEvent, useState } from "react";
import { AuthFormShell } from "@/components/auth-form-shell";
import { PasswordStrengthMeter } from "@/components/password-strength-meter";
import { Alert } from "@/components/ui/alert";
import { buttonClassName } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import {
  authError,
  focusFirstInvalid,
  newPasswordProblem,
  postAuth,
  requestFailureMessage,
  validateForm,
} from "@/lib/auth-forms";

const FIELDS = ["password"] as const;

/** Sets the new password with the token of the emailed link; every session then ends. */
export function ResetPasswordForm({ token }: { token: string }) {
  const [error, setError] = useState<string | undefined>();
  const [formError, setFormError] = useState<string | null>(null);
  const [linkInvalid, setLinkInvalid] = useState(false);
  const [pending, setPending] = useState(false);
  const [done, setDone] = useState(false);
  const [password, setPassword] = useState("");

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const { data, errors } = await validateForm("resetPasswordSchema", form, FIELDS);
    if (data) errors.password = await newPasswordProblem(data.password);
    setError(errors.password);
    setFormError(null);
    if (!data || errors.password) {
      focusFirstInvalid(form, FIELDS, errors);
      return;
    }
    setPending(true);
    const response = await postAuth("reset-password", { newPassword: data.password, token });
    if (response?.ok) {
      setDone(true);
      return;
    }
    const refused = response ? await authError(response) : undefined;
    if (refused?.code === "INVALID_TOKEN") setLinkInvalid(true);
    else if (refused?.code === "PASSWORD_TOO_COMMON") setError(refused.message);
    else setFormError(requestFailureMessage(response));
    setPending(false);
  }

  if (linkInvalid) return <InvalidResetLink />;

  if (done) return <PasswordChanged />;

  return (
    <AuthFormShell
      onSubmit={onSubmit}
      formError={formError}
      pending={pending}
      submitLabel="Set new password"
      pendingLabel="Saving…"
    >
      <FormField
        label="New password"
        error={error}
        hint={
          <>
            8 to 128 characters, not a common one.
            <PasswordStrengthMeter password={password} />
          </>
        }
      >
        {(control) => (
          <Input
            {...control}
            name="password"
            type="password"
            autoComplete="new-password"
            onChange={(event) => setPassword(event.currentTarget.value)}
          />
        )}
      </FormField>
    </AuthFormShell>
  );
}

function PasswordChanged() {
  return (
    <div role="status" className="flex flex-col gap-4 text-sm">
      <p>Your password is changed, and you are signed out everywhere. Sign in with the new one.</p>
      <Link href="/sign-in" className={buttonClassName("primary", "md", "w-full")}>
        Sign in
      </Link>
    </div>
  );
}

/** The link's token is unknown, used or past its hour (the page checks it on arrival too). */
export function InvalidResetLink() {
  return (
    <Alert title="This link has expired or was already used.">
      <Link href="/forgot-password" className="font-medium underline underline-offset-2">
        Get a new link
      </Link>
    </Alert>
  );
}
