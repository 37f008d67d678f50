import { clsx } from "clsx";
import type { ReactNode } from "react";

export interface AlertProps {
  variant?: "error" | "info";
  title?: ReactNode;
  children?: ReactNode;
  /** e.g. a retry button. */
  action?: ReactNode;
  className?: string;
}

/** A message that screen readers announce when it appears (role="alert" for errors). */
export function Alert({ variant = "error", title, children, action, className }: AlertProps) {
  return (
    <div
      role={variant === "error" ? "alert" : "status"}
      className={clsx(
        "flex flex-wrap items-start justify-between gap-3 rounded-md border px-4 py-3 text-sm",
        variant === "error"
          ? "border-danger bg-surface text-danger"
          : "border-border bg-muted text-foreground",
        className,
      )}
    >
      <div className="min-w-0 flex-1">
        {title ? <p className="font-medium">{title}</p> : null}
        {children ? <div className={title ? "mt-1" : undefined}>{children}</div> : null}
      </div>
      {action}
    </div>
  );
}
