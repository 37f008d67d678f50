"use client";

import { clsx } from "clsx";
import type { ReactNode } from "react";
import { useHydrated } from "@/lib/use-hydrated";

/**
 * Served disabled, enabled by hydration. Before then a server-rendered control has no handler:
 * a click on a button does nothing (React replays no click made before hydration), a form
 * submits natively (its fields into the address), and a field's edit is kept by the DOM but
 * unknown to React. Disabled, each says it is not ready yet, and waits, instead of losing the
 * user's action. A component of its own, so that enabling it re-renders the fieldset alone and
 * not what is inside it. `disabled` keeps it disabled after hydration too: a stand-in's, or the
 * tasks board's until TanStack Query is in (ADR 0051).
 */
export function LiveFieldset({
  className,
  disabled = false,
  children,
}: {
  className?: string;
  disabled?: boolean;
  children: ReactNode;
}) {
  const hydrated = useHydrated();
  return (
    <fieldset
      disabled={disabled || !hydrated}
      className={clsx("m-0 min-w-0 border-0 p-0", className)}
    >
      {children}
    </fieldset>
  );
}
