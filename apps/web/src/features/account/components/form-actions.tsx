import { clsx } from "clsx";
import type { ReactNode } from "react";
import { Button, type ButtonVariant } from "@/components/ui/button";

/** A settings form's row of actions: its submit button, saying what it does while pending, then the rest. */
export function FormActions({
  pending,
  label,
  pendingLabel,
  variant,
  children,
}: {
  pending: boolean;
  label: string;
  pendingLabel: string;
  variant?: ButtonVariant;
  children?: ReactNode;
}) {
  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button type="submit" variant={variant} disabled={pending}>
        {pending ? pendingLabel : label}
      </Button>
      {children}
    </div>
  );
}

/** What the last submit achieved, announced to screen readers; empty until then. */
export function SuccessStatus({
  className,
  children,
}: {
  className?: string;
  children: ReactNode;
}) {
  return (
    <p role="status" className={clsx("text-sm text-success", className)}>
      {children}
    </p>
  );
}
