import { clsx } from "clsx";
import type { ComponentProps } from "react";

const variants = {
  primary: "bg-primary text-primary-foreground hover:bg-primary-hover",
  secondary: "border border-border bg-surface text-foreground hover:bg-muted",
  ghost: "text-foreground hover:bg-muted",
  danger: "bg-danger text-danger-foreground hover:opacity-90",
} as const;

const sizes = {
  sm: "h-8 px-3 text-sm",
  md: "h-10 px-4 text-sm",
  icon: "size-10",
} as const;

export type ButtonVariant = keyof typeof variants;

/** Class names of a button, for links that look like one. */
export function buttonClassName(
  variant: ButtonVariant = "primary",
  size: keyof typeof sizes = "md",
  className?: string,
): string {
  // `btn`: the shape, focus ring and disabled look every button shares (globals.css).
  return clsx("btn", variants[variant], sizes[size], className);
}

export interface ButtonProps extends ComponentProps<"button"> {
  variant?: ButtonVariant;
  size?: keyof typeof sizes;
}

export function Button({
  variant = "primary",
  size = "md",
  className,
  type = "button",
  ...props
}: ButtonProps) {
  return <button type={type} className={buttonClassName(variant, size, className)} {...props} />;
}
