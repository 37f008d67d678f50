"use client";

import { type FormEvent, useState } from "react";
import { AuthFormShell } from "@/components/auth-form-shell";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { focusFirstInvalid, postAuth, requestFailureMessage, validateForm } from "@/lib/auth-forms";

const FIELDS = ["email"] as const;

/** Asks for a reset link. The answer never says whether the address has an account. */
export function ForgotPasswordForm() {
  const [error, setError] = useState<string | undefined>();
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [sentTo, setSentTo] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const { data, errors } = await validateForm("forgotPasswordSchema", form, FIELDS);
    setError(errors.email);
    setFormError(null);
    if (!data) {
      focusFirstInvalid(form, FIELDS, errors);
      return;
    }
    setPending(true);
    const response = await postAuth("request-password-reset", data);
    if (response?.ok) {
      setSentTo(data.email);
      return;
    }
    setFormError(requestFailureMessage(response));
    setPending(false);
  }

  if (sentTo) return <ResetLinkSent email={sentTo} />;

  return (
    <AuthFormShell
      onSubmit={onSubmit}
      formError={formError}
      pending={pending}
      submitLabel="Send reset link"
      pendingLabel="Sending…"
    >
      <FormField label="Email" error={error}>
        {(control) => <Input {...control} name="email" type="email" autoComplete="email" />}
      </FormField>
    </AuthFormShell>
  );
}

/** Said whether or not the address has an account. */
function ResetLinkSent({ email }: { email: string }) {
  return (
    <div role="status" className="flex flex-col gap-2 text-sm">
      <h2 className="text-lg font-semibold">Check your email</h2>
      <p>
        If an account exists for <span className="font-medium break-all">{email}</span>, we sent it
        a link to choose a new password. The link works once, for 1 hour.
      </p>
    </div>
  );
}
