import type { FormEventHandler, ReactNode, Ref } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { loadAuthSchemas } from "@/lib/auth-forms";
import { useHydrated } from "@/lib/use-hydrated";

/**
 * The frame of the signed-out account forms: validation rules loaded on first focus, the form's
 * own error above its fields, and a full-width submit button that says what it is doing. Until
 * hydration the button is disabled, which also stops Enter from submitting: the fields stay
 * enabled for password managers, and what is typed is kept for the first real submit. Should a
 * native submit happen anyway, `post` keeps the password out of the address and the logs.
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
  const hydrated = useHydrated();
  return (
    <form
      ref={ref}
      method="post"
      noValidate
      onSubmit={onSubmit}
      onFocus={() => void loadAuthSchemas()}
      className="flex flex-col gap-4"
    >
      {formError ? <Alert>{formError}</Alert> : null}
      {children}
      <Button type="submit" disabled={pending || !hydrated} className="mt-2 w-full">
        {pending ? pendingLabel : submitLabel}
      </Button>
    </form>
  );
}
