import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useMemo, useSyncExternalStore } from "react";
import { filtersToParams, parseFilters, type TaskFilters } from "../api/task-filters";

/** Told of every change this hook makes to the address bar, besides the browser's back/forward. */
const addressBarListeners = new Set<() => void>();

function subscribeToAddressBar(listener: () => void): () => void {
  addressBarListeners.add(listener);
  window.addEventListener("popstate", listener);
  return () => {
    addressBarListeners.delete(listener);
    window.removeEventListener("popstate", listener);
  };
}

/**
 * The list's filters and sort live in the URL, so reload, sharing and the back button work.
 * Changes go through the History API: the list is fetched by the browser's query cache, so a
 * server render per change would be wasted work. `replace` is for typing (search, tag), which
 * should not leave a history entry per pause.
 *
 * The filters are read from the address bar itself, not from Next's `useSearchParams`: a
 * `pushState` made while the router still waits on the server for a back/forward step (a
 * tag clicked just after Back) is dropped by the router when that answer lands, and the list
 * and the fields then disagreed with the address bar. Next's value still serves the server
 * render, hydration, and a link's navigation while the address bar shows the page being left.
 */
export function useTaskFilters() {
  const pathname = usePathname();
  const routerSearch = useSearchParams().toString();
  const search = useSyncExternalStore(
    subscribeToAddressBar,
    () => (window.location.pathname === pathname ? window.location.search.slice(1) : routerSearch),
    () => routerSearch,
  );
  const params = useMemo(() => new URLSearchParams(search), [search]);
  const filters = useMemo(() => parseFilters(params), [params]);

  const setFilters = useCallback(
    (changes: Partial<TaskFilters>, { replace = false } = {}) => {
      // The address bar, not this render's snapshot: two quick changes must both land.
      const current = new URLSearchParams(window.location.search);
      const next = filtersToParams({
        ...Object.fromEntries(current),
        // A new sort key brings its own natural direction unless a direction comes with it.
        ...("sort" in changes ? { order: undefined } : {}),
        ...changes,
      } as Partial<TaskFilters>);
      const query = next.toString();
      const href = query ? `${pathname}?${query}` : pathname;
      if (replace) window.history.replaceState(null, "", href);
      else window.history.pushState(null, "", href);
      for (const listener of addressBarListeners) listener();
    },
    [pathname],
  );

  // Whether the user picked a sort, or the view may choose its own (view-filters.ts).
  const sortChosen = params.has("sort");
  return { filters, setFilters, sortChosen };
}
