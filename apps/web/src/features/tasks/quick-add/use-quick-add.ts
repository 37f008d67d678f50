import { useEffect, useState } from "react";
import { afterCommit } from "@/lib/after-commit";
import { importOrReload } from "@/lib/new-build-reload";
import type { parseQuickAdd } from "./parse-quick-add";

/**
 * The quick add parser, fetched (with chrono, its date reader) once the page is up rather than
 * with it; null until it arrives, when the text is a plain title.
 */
export function useQuickAddParser(): typeof parseQuickAdd | null {
  const [parser, setParser] = useState<{ parse: typeof parseQuickAdd } | null>(null);
  useEffect(() => {
    let mounted = true;
    const cancel = afterCommit(() => {
      void importOrReload(() => import("./parse-quick-add")).then(({ parseQuickAdd }) => {
        if (mounted) setParser({ parse: parseQuickAdd });
      });
    });
    return () => {
      mounted = false;
      cancel();
    };
  }, []);
  return parser?.parse ?? null;
}
