import { clsx } from "clsx";

export function Spinner({ className, label = "Loading" }: { className?: string; label?: string }) {
  return (
    <span role="status" className={clsx("inline-flex items-center", className)}>
      <span
        aria-hidden="true"
        className="size-4 motion-safe:animate-spin rounded-full border-2 border-current border-t-transparent"
      />
      <span className="sr-only">{label}</span>
    </span>
  );
}
