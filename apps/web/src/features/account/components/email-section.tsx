"use client";

import { emailSchema } from "@todo/contract/auth-forms";
import { type FormEvent, useState } from "react";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { authErrorMessage, authRequest } from "@/lib/auth-request";
import { useAccountAction } from "../hooks/use-account-action";
import { FormActions, SuccessStatus } from "./form-actions";
import { SettingsSection } from "./settings-section";

/**
 * The sign-in email. A new one takes effect once confirmed from a link mailed to it; the answer
 * is the same whether or not the new address already has an account.
 */
export function EmailSection({ email }: { email: string }) {
  const { pending, error, setError, run } = useAccountAction();
  const [sentTo, setSentTo] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSentTo(null);
    const input = event.currentTarget.elements.namedItem("newEmail") as HTMLInputElement;
    const checked = emailSchema.safeParse(input.value);
    const newEmail = checked.data?.toLowerCase();
    const problem = !newEmail
      ? (checked.error?.issues[0]?.message ?? "Enter a valid email address")
      : newEmail === email.toLowerCase()
        ? "This is already your email address"
        : null;
    if (problem || !newEmail) {
      setError(problem);
      input.focus();
      return;
    }
    const sent = await run(
      async () => {
        const { error } = await authRequest("/change-email", { newEmail });
        return error ? authErrorMessage(error) : null;
      },
      { refresh: false },
    );
    if (sent) setSentTo(newEmail);
  }

  return (
    <SettingsSection title="Email" description="The address you sign in with.">
      <p className="text-sm font-medium break-all" data-testid="current-email">
        {email}
      </p>
      <form noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
        <FormField
          label="New email address"
          error={error ?? undefined}
          hint="We send a link to the new address; your email changes once you open it."
        >
          {(control) => (
            <Input
              {...control}
              name="newEmail"
              type="email"
              autoComplete="email"
              onChange={() => setSentTo(null)}
            />
          )}
        </FormField>
        <FormActions pending={pending} label="Change email" pendingLabel="Sending…">
          <SuccessStatus className="break-all">
            {sentTo ? `Check ${sentTo}: open the link we sent there to confirm the change.` : ""}
          </SuccessStatus>
        </FormActions>
      </form>
    </SettingsSection>
  );
}
