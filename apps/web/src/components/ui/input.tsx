import { clsx } from "clsx";
import type { ComponentProps } from "react";

/** Shared look of text controls (input, textarea, select). */
export const controlClassName = clsx(
  "w-full rounded-md border border-border bg-surface px-3 text-sm text-foreground",
  "placeholder:text-muted-foreground",
  "focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-ring",
  "aria-invalid:border-danger disabled:opacity-50",
);

export function Input({ className, ...props }: ComponentProps<"input">) {
  return <input className={clsx(controlClassName, "h-10", className)} {...props} />;
}
