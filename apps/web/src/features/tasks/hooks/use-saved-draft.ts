import { useCallback, useEffect, useRef } from "react";

function readDraft<Draft extends object>(key: string, empty: Draft): Draft | null {
  try {
    const saved = sessionStorage.getItem(key);
    return saved === null ? null : { ...empty, ...(JSON.parse(saved) as Partial<Draft>) };
  } catch {
    return null;
  }
}

function writeDraft<Draft extends object>(key: string, draft: Draft, empty: Draft): void {
  try {
    if (JSON.stringify(draft) === JSON.stringify(empty)) sessionStorage.removeItem(key);
    else sessionStorage.setItem(key, JSON.stringify(draft));
  } catch {
    // Storage off or full: the draft still lives in the form, only not across page loads.
  }
}

/**
 * Keeps a form's draft in this tab's sessionStorage under `key` (which names the user), so what
 * was typed when the session ended is back after signing in again, a page load later. Restored
 * once after mounting (the server render cannot know it); dropped when the draft is empty again.
 * Returns a function that drops it for a form that closes with its draft unsaved on purpose.
 */
export function useSavedDraft<Draft extends object>(
  key: string,
  draft: Draft,
  empty: Draft,
  restore: (draft: Draft) => void,
): () => void {
  const restored = useRef(false);
  useEffect(() => {
    if (!restored.current) {
      restored.current = true;
      const saved = readDraft(key, empty);
      if (saved) {
        restore(saved);
        return;
      }
    }
    writeDraft(key, draft, empty);
  }, [key, draft, empty, restore]);
  return useCallback(() => writeDraft(key, empty, empty), [key, empty]);
}
