"use client";

import type { List } from "@todo/contract/list";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { type KeyboardEvent, lazy, Suspense, useId, useState } from "react";
import { showToast } from "@/components/ui/toaster";
import { describeError } from "@/lib/api-client";
import { parseViewSegments, type TaskView, viewPath } from "@/lib/task-views";
import { useLists } from "@/lib/use-lists";
import { useUpdateList } from "../api/list-mutations";
import { NewListForm } from "./new-list-form";

// Radix's dialog loads when a list is first edited.
const ListDialog = lazy(() =>
  import("./list-dialog").then(({ ListDialog }) => ({ default: ListDialog })),
);

const VIEWS: { view: TaskView; label: string }[] = [
  { view: { kind: "inbox" }, label: "Inbox" },
  { view: { kind: "today" }, label: "Today" },
  { view: { kind: "upcoming" }, label: "Upcoming" },
  { view: { kind: "completed" }, label: "Completed" },
  { view: { kind: "all" }, label: "All tasks" },
];

const linkClassName =
  "flex min-h-9 min-w-0 flex-1 items-center gap-2 rounded-md px-2 text-sm hover:bg-muted " +
  "focus-visible:outline-2 focus-visible:outline-ring aria-[current=page]:bg-muted " +
  "aria-[current=page]:font-semibold";

function listRow(id: number): HTMLElement | null {
  return document.querySelector<HTMLElement>(`[data-list-id="${id}"]`);
}

interface ListsNavProps {
  userId: string;
  /** Called on following a link, so a drawer can close. */
  onNavigate?: () => void;
}

/** The views, the user's lists with their open-task counts, and the list actions. */
export function ListsNav({ userId, onNavigate }: ListsNavProps) {
  const lists = useLists(userId);
  const updateList = useUpdateList(userId);
  const router = useRouter();
  const pathname = usePathname();
  const current = viewPath(parseViewSegments(pathname.split("/").slice(2)) ?? { kind: "all" });
  const [editingId, setEditingId] = useState<number | null>(null);
  const editing = lists.find(({ id }) => id === editingId);
  // The sidebar and the drawer can both be on the page.
  const headingId = useId();

  /** Alt+Arrow moves the focused list up or down; the focus stays on it in its new place. */
  function onListKeyDown(event: KeyboardEvent, list: List) {
    if (!event.altKey || (event.key !== "ArrowUp" && event.key !== "ArrowDown")) return;
    event.preventDefault();
    const position = list.position + (event.key === "ArrowUp" ? -1 : 1);
    if (position < 0 || position >= lists.length) return;
    updateList.mutate(
      { id: list.id, changes: { position } },
      {
        onSuccess: () => listRow(list.id)?.focus(),
        onError: (error) =>
          showToast("error", `Couldn't move “${list.name}”`, { description: describeError(error) }),
      },
    );
  }

  function onDeleted(list: List) {
    if (current === viewPath({ kind: "list", listId: list.id })) {
      router.push(viewPath({ kind: "inbox" }));
    }
  }

  return (
    <nav aria-label="Views and lists" className="flex flex-col gap-4">
      <ul className="flex flex-col gap-0.5">
        {VIEWS.map(({ view, label }) => {
          const href = viewPath(view);
          return (
            <li key={href} className="flex">
              <Link
                href={href}
                className={linkClassName}
                aria-current={href === current ? "page" : undefined}
                onClick={onNavigate}
              >
                {label}
              </Link>
            </li>
          );
        })}
      </ul>
      <section aria-labelledby={headingId} className="flex flex-col gap-2">
        <h2 id={headingId} className="px-2 text-sm font-semibold text-muted-foreground">
          Lists
        </h2>
        {lists.length > 0 ? (
          <ul className="flex flex-col gap-0.5">
            {lists.map((list) => {
              const href = viewPath({ kind: "list", listId: list.id });
              return (
                <li key={list.id} className="flex items-center gap-1">
                  <Link
                    href={href}
                    data-list-id={list.id}
                    className={linkClassName}
                    aria-current={href === current ? "page" : undefined}
                    aria-keyshortcuts="Alt+ArrowUp Alt+ArrowDown"
                    onClick={onNavigate}
                    onKeyDown={(event) => onListKeyDown(event, list)}
                  >
                    <span
                      aria-hidden="true"
                      className="size-2.5 shrink-0 rounded-full border border-border"
                      style={list.color ? { backgroundColor: list.color } : undefined}
                    />
                    <span className="min-w-0 flex-1 truncate" dir="auto">
                      {list.name}
                    </span>
                    <span className="text-xs text-muted-foreground tabular-nums">
                      {list.task_count}
                      {/* Read as what it is, not a bare number after the name. */}
                      <span className="sr-only"> open</span>
                    </span>
                  </Link>
                  <button
                    type="button"
                    aria-label={`Edit list ${list.name}`}
                    onClick={() => setEditingId(list.id)}
                    className="flex size-9 shrink-0 items-center justify-center rounded-md text-muted-foreground hover:bg-muted focus-visible:outline-2 focus-visible:outline-ring"
                  >
                    {/* Three dots: more actions. */}
                    <svg
                      aria-hidden="true"
                      viewBox="0 0 24 24"
                      className="size-4"
                      fill="currentColor"
                    >
                      <circle cx="5" cy="12" r="2" />
                      <circle cx="12" cy="12" r="2" />
                      <circle cx="19" cy="12" r="2" />
                    </svg>
                  </button>
                </li>
              );
            })}
          </ul>
        ) : null}
        {lists.length > 1 ? (
          <p className="px-2 text-xs text-muted-foreground">
            Reorder: <kbd className="font-mono">Alt</kbd>+<kbd className="font-mono">↑</kbd>/
            <kbd className="font-mono">↓</kbd> on a list.
          </p>
        ) : null}
        <NewListForm userId={userId} />
      </section>
      {editing ? (
        <Suspense fallback={null}>
          <ListDialog
            key={editing.id}
            userId={userId}
            list={editing}
            listCount={lists.length}
            onClose={() => setEditingId(null)}
            onDeleted={onDeleted}
          />
        </Suspense>
      ) : null}
    </nav>
  );
}
