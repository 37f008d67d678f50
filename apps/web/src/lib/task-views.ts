// The task views and their addresses, shared by the sidebar (links), the board (what each view
// asks the API for) and the route that reads them from the URL.

export type TaskView =
  | { kind: "all" }
  | { kind: "inbox" }
  | { kind: "today" }
  | { kind: "upcoming" }
  | { kind: "completed" }
  | { kind: "list"; listId: number };

export function viewPath(view: TaskView): string {
  switch (view.kind) {
    case "all":
      return "/tasks";
    case "list":
      return `/tasks/lists/${view.listId}`;
    default:
      return `/tasks/${view.kind}`;
  }
}

/** The view named by the path segments after /tasks; null for an address that names none. */
export function parseViewSegments(segments: readonly string[] = []): TaskView | null {
  const [first, second, ...rest] = segments;
  if (first === undefined) return { kind: "all" };
  if (first === "lists") {
    if (rest.length > 0 || !second || !/^[1-9][0-9]{0,15}$/.test(second)) return null;
    const listId = Number(second);
    return Number.isSafeInteger(listId) ? { kind: "list", listId } : null;
  }
  if (second !== undefined) return null;
  if (first === "inbox" || first === "today" || first === "upcoming" || first === "completed") {
    return { kind: first };
  }
  return null;
}
