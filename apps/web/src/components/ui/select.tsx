import { clsx } from "clsx";
import type { ComponentProps } from "react";
import { controlClassName } from "./input";

/** A native select: keyboard and screen-reader behaviour come from the browser. */
export function Select({ className, ...props }: ComponentProps<"select">) {
  return <select className={clsx(controlClassName, "h-10 pr-8", className)} {...props} />;
}
