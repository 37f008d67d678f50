import { startTransition, useEffect, useState, useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * False during server rendering and hydration, true once the client has taken over; true at
 * once in a component mounted after hydration.
 *
 * The switch after hydration is a transition: what `true` renders (due labels and the page's
 * first `Intl` formatter, enabled controls) is then rendered in the background, yielding to the
 * browser between components, instead of in the one synchronous pass React gives a store whose
 * snapshot differs from the server's — a long task of the page's load otherwise (ADR 0052).
 */
export function useHydrated(): boolean {
  const hydrating = useSyncExternalStore(
    subscribe,
    () => false,
    () => true,
  );
  const [hydrated, setHydrated] = useState(!hydrating);
  useEffect(() => {
    if (!hydrated) startTransition(() => setHydrated(true));
  }, [hydrated]);
  return hydrated;
}
