import type { FormEventHandler, ReactNode, Ref } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { loadAuthSchemas } from "@/lib/auth-forms";

/**
 * The frame of the signed-out account forms: validation rules loaded on first focus, the form's
 * own error above its fields, and a full-width submit button that says what it is doing.
 */
export function AuthFormShell({
  ref,
  onSubmit,
  formError,
  pending,
  submitLabel,
  pendingLabel,
  children,
}: {
  ref?: Ref<HTMLFormElement>;
  onSubmit: FormEventHandler<HTMLFormElement>;
  formError: ReactNode;
  pending: boolean;
  submitLabel: string;
  pendingLabel: string;
  children: ReactNode;
}) {
  return (
    <form
      ref={ref}
      noValidate
      onSubmit={onSubmit}
      onFocus={() => void loadAuthSchemas()}
      className="flex flex-col gap-4"
    >
      {formError ? <Alert>{formError}</Alert> : null}
      {children}
      <Button type="submit" disabled={pending} className="mt-2 w-full">
        {pending ? pendingLabel : submitLabel}
      </Button>
    </form>
  );
}
