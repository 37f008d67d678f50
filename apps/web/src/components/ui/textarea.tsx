import { clsx } from "clsx";
import type { ComponentProps } from "react";
import { controlClassName } from "./input";

export function Textarea({ className, ...props }: ComponentProps<"textarea">) {
  return <textarea className={clsx(controlClassName, "min-h-20 py-2", className)} {...props} />;
}
