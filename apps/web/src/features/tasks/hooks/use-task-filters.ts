import { listQuerySchema } from "@todo/contract/list-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import type { TaskFilters } from "../api/task-keys";

const FILTER_KEYS = ["status", "priority", "tag", "q", "sort", "order"] as const;
const filterShape = listQuerySchema.pick({
  status: true,
  priority: true,
  tag: true,
  q: true,
  sort: true,
  order: true,
}).shape;

/** Each param is parsed alone with the API's own schema, so one bad value (an old bookmark) falls back to its default without discarding the rest. */
function parseFilters(params: URLSearchParams): TaskFilters {
  const parsed: Record<string, unknown> = {};
  for (const key of FILTER_KEYS) {
    const value = filterShape[key].safeParse(params.get(key) ?? undefined);
    parsed[key] = value.success ? value.data : filterShape[key].parse(undefined);
  }
  return parsed as unknown as TaskFilters;
}

const DEFAULTS = parseFilters(new URLSearchParams());

/**
 * The list's filters and sort live in the URL, so reload, sharing and the back button work.
 * `replace` is for keystrokes (search), which should not each become a history entry.
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
        // Defaults stay out of the URL so the plain /tasks link is the canonical one.
        if (!value || value === DEFAULTS[key as keyof TaskFilters]) next.delete(key);
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
