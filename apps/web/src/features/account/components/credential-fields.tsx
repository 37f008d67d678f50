import type { ComponentProps, ReactNode } from "react";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";

type FieldProps = {
  label: string;
  error?: string | undefined;
  hint?: ReactNode;
} & Omit<ComponentProps<typeof Input>, "type" | "autoComplete">;

/** The account's current password, asked again to confirm a change. */
export function CurrentPasswordField({
  label,
  error,
  hint,
  name = "password",
  ...input
}: FieldProps) {
  return (
    <FormField label={label} error={error} hint={hint}>
      {(control) => (
        <Input
          {...control}
          {...input}
          name={name}
          type="password"
          autoComplete="current-password"
        />
      )}
    </FormField>
  );
}

/** A code from the authenticator app, or a backup code. */
export function TwoFactorCodeField({ label, error, hint, ...input }: FieldProps) {
  return (
    <FormField label={label} error={error} hint={hint}>
      {(control) => (
        <Input
          {...control}
          name="code"
          autoComplete="one-time-code"
          className="max-w-52"
          {...input}
        />
      )}
    </FormField>
  );
}
