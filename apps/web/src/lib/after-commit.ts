/**
 * Runs `start` in a task of its own, soon after the effect that calls it; returns its
 * cancellation, for the effect's cleanup. A page's first effects run in its hydration commit, a
 * long task already, and starting a part's load (its script element and request) need not add
 * to it (ADR 0057).
 */
export function afterCommit(start: () => void): () => void {
  const timer = setTimeout(start);
  return () => clearTimeout(timer);
}
