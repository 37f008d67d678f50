// The board's shortcuts as data, so that the help dialog lists exactly what is bound.

export type ShortcutAction =
  | "quickAdd"
  | "search"
  | "next"
  | "previous"
  | "complete"
  | "edit"
  | "delete"
  | "goInbox"
  | "goToday"
  | "goUpcoming"
  | "help";

export const SHORTCUTS: readonly {
  keys: readonly string[];
  action: ShortcutAction;
  does: string;
}[] = [
  { keys: ["q"], action: "quickAdd", does: "Add a task" },
  { keys: ["/"], action: "search", does: "Search" },
  { keys: ["j"], action: "next", does: "Next task" },
  { keys: ["k"], action: "previous", does: "Previous task" },
  { keys: ["x"], action: "complete", does: "Complete or reopen the task" },
  { keys: ["e"], action: "edit", does: "Edit the task" },
  { keys: ["Delete"], action: "delete", does: "Delete the task" },
  { keys: ["g", "i"], action: "goInbox", does: "Go to the Inbox" },
  { keys: ["g", "t"], action: "goToday", does: "Go to Today" },
  { keys: ["g", "u"], action: "goUpcoming", does: "Go to Upcoming" },
  { keys: ["?"], action: "help", does: "Show these shortcuts" },
];

/** A key press as far as shortcuts care. */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

/** Where a key is text being typed: text inputs, text areas, selects and editable content. */
export function isTypingTarget(
  target: { tagName?: string; type?: string; isContentEditable?: boolean } | null,
): boolean {
  if (!target?.tagName) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName.toUpperCase();
  if (tag === "TEXTAREA" || tag === "SELECT") return true;
  if (tag !== "INPUT") return false;
  return !["checkbox", "radio", "button", "submit", "reset", "range", "color", "file"].includes(
    (target.type ?? "text").toLowerCase(),
  );
}

/**
 * The action for `press` after the keys already `pending` (the start of a sequence such as
 * "g i"), and what is pending after it. Presses with Ctrl, Meta or Alt belong to the browser.
 */
export function matchShortcut(
  press: KeyPress,
  pending: readonly string[],
): { action?: ShortcutAction; pending: string[] } {
  if (press.ctrlKey || press.metaKey || press.altKey) return { pending: [] };
  const keys = [...pending, press.key];
  const exact = SHORTCUTS.find(
    (shortcut) =>
      shortcut.keys.length === keys.length && shortcut.keys.every((key, i) => key === keys[i]),
  );
  if (exact) return { action: exact.action, pending: [] };
  const started = SHORTCUTS.some(
    (shortcut) =>
      shortcut.keys.length > keys.length && keys.every((key, i) => shortcut.keys[i] === key),
  );
  if (started) return { pending: keys };
  // A sequence broken off: the key may still start something on its own.
  return pending.length > 0 ? matchShortcut(press, []) : { pending: [] };
}
