import { clsx } from "clsx";

/** A placeholder block while content loads; hidden from assistive technology. */
export function Skeleton({ className }: { className?: string }) {
  return (
    <div
      aria-hidden="true"
      className={clsx("rounded-md motion-safe:animate-pulse bg-muted", className)}
    />
  );
}
