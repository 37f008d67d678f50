"use client";

import { signUpSchema } from "@todo/contract/auth-forms";
import { type FormEvent, useState } from "react";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { authErrorMessage, authRequest } from "@/lib/auth-request";
import { useAccountAction } from "../hooks/use-account-action";
import { FormActions, SuccessStatus } from "./form-actions";
import { SettingsSection } from "./settings-section";

/** The display name; the server's rules decide, and their message is shown as it comes. */
export function ProfileSection({ name }: { name: string }) {
  const { pending, error, setError, run } = useAccountAction();
  const [saved, setSaved] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    const input = event.currentTarget.elements.namedItem("name") as HTMLInputElement;
    const checked = signUpSchema.shape.name.safeParse(input.value);
    if (!checked.success) {
      setError(checked.error.issues[0]?.message ?? "Enter your name");
      input.focus();
      return;
    }
    const newName = checked.data;
    setSaved(
      await run(async () => {
        const { error } = await authRequest("/update-user", { name: newName });
        return error ? authErrorMessage(error) : null;
      }),
    );
  }

  return (
    <SettingsSection title="Profile" description="The name shown in the app.">
      <form noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
        <FormField label="Name" error={error ?? undefined}>
          {(control) => (
            <Input
              {...control}
              name="name"
              defaultValue={name}
              autoComplete="name"
              onChange={() => setSaved(false)}
            />
          )}
        </FormField>
        <FormActions pending={pending} label="Save name" pendingLabel="Saving…">
          <SuccessStatus>{saved ? "Name saved." : ""}</SuccessStatus>
        </FormActions>
      </form>
    </SettingsSection>
  );
}
