import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { filtersToParams, parseFilters, type TaskFilters } from "../api/task-filters";

/**
 * The list's filters and sort live in the URL, so reload, sharing and the back button work.
 * Changes go through the History API, which Next.js syncs with `useSearchParams`: the list is
 * fetched by the browser's query cache, so a server render per change would be wasted work.
 * `replace` is for typing (search, tag), which should not leave a history entry per pause.
 */
export function useTaskFilters() {
  const searchParams = useSearchParams();
  const pathname = usePathname();
  const filters = useMemo(() => parseFilters(new URLSearchParams(searchParams)), [searchParams]);

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
    },
    [pathname],
  );

  // Whether the user picked a sort, or the view may choose its own (view-filters.ts).
  const sortChosen = searchParams.has("sort");
  return { filters, setFilters, sortChosen };
}
