import { useEffect, useRef } from "react";
import { isTypingTarget, matchShortcut, type ShortcutAction } from "./keyboard-shortcuts";

/** A sequence's first key waits this long for the second. */
const SEQUENCE_TIMEOUT_MS = 1500;

/**
 * Calls the handler of each shortcut pressed on the page, once `enabled`, except while the user
 * types in a field or works in a dialog (which owns its keys).
 */
export function useKeyboardShortcuts(
  enabled: boolean,
  handlers: Partial<Record<ShortcutAction, () => void>>,
) {
  // Read through a ref: the handlers are new each render, the listener is added once.
  const handlersRef = useRef(handlers);
  useEffect(() => {
    handlersRef.current = handlers;
  });

  useEffect(() => {
    if (!enabled) return;
    let pending: string[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    function onKeyDown(event: KeyboardEvent) {
      const target = event.target instanceof HTMLElement ? event.target : null;
      if (event.defaultPrevented || isTypingTarget(target)) return;
      if (target?.closest('[role="dialog"], [role="alertdialog"], [role="menu"]')) return;
      const match = matchShortcut(event, pending);
      pending = match.pending;
      clearTimeout(timer);
      if (pending.length > 0) timer = setTimeout(() => (pending = []), SEQUENCE_TIMEOUT_MS);
      const handler = match.action && handlersRef.current[match.action];
      if (!handler) return;
      // The key is the shortcut's, not the page's ("/" would otherwise type into the search).
      event.preventDefault();
      handler();
    }
    document.addEventListener("keydown", onKeyDown);
    return () => {
      document.removeEventListener("keydown", onKeyDown);
      clearTimeout(timer);
    };
  }, [enabled]);
}
