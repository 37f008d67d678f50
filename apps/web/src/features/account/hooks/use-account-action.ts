"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

/** What an account request resolves to: an error message for the person, or null on success. */
export type ActionResult = string | null;

/**
 * Runs one account request at a time: tracks `pending`, keeps the error message to show, and on
 * success re-renders the server-loaded settings (`router.refresh()`), unless told not to.
 */
export function useAccountAction() {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function run(
    request: () => Promise<ActionResult>,
    { refresh = true }: { refresh?: boolean } = {},
  ): Promise<boolean> {
    setPending(true);
    setError(null);
    let failure: ActionResult;
    try {
      failure = await request();
    } catch {
      failure = "Can't reach the server. Check your connection and try again.";
    }
    setPending(false);
    setError(failure);
    if (failure === null && refresh) router.refresh();
    return failure === null;
  }

  return { pending, error, setError, run };
}
