import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { DEFAULT_FILTERS, parseFilters, type TaskFilters } from "../api/task-filters";

/**
 * The list's filters and sort live in the URL, so reload, sharing and the back button work.
 * `replace` is for typing (search, tag), which should not leave a history entry per pause.
 */
export function useTaskFilters() {
  const searchParams = useSearchParams();
  const pathname = usePathname();
  const router = useRouter();
  const filters = useMemo(() => parseFilters(new URLSearchParams(searchParams)), [searchParams]);

  const setFilters = useCallback(
    (changes: Partial<TaskFilters>, { replace = false } = {}) => {
      const next = new URLSearchParams(searchParams);
      for (const [key, value] of Object.entries(changes)) {
        if (!value || value === DEFAULT_FILTERS[key as keyof TaskFilters]) next.delete(key);
        else next.set(key, value);
      }
      const query = next.toString();
      const href = query ? `${pathname}?${query}` : pathname;
      if (replace) router.replace(href, { scroll: false });
      else router.push(href, { scroll: false });
    },
    [searchParams, pathname, router],
  );

  return { filters, setFilters };
}
