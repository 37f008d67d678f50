"use client";

import type { List } from "@todo/contract/list";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import {
  type DragEvent,
  type KeyboardEvent,
  lazy,
  Suspense,
  use,
  useEffect,
  useId,
  useRef,
  useState,
} from "react";
import { showToast } from "@/components/ui/toaster";
import { MoveTaskContext, TASK_DRAG_TYPE, type TaskDropTarget } from "@/lib/task-drag";
import { parseViewSegments, type TaskView, viewPath } from "@/lib/task-views";
import { useInboxCount, useLists } from "@/lib/use-lists";
import { moveErrorMessage, useMoveList } from "../api/list-mutations";
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

// Where a drag would land: a task into the row (highlighted), a list before or after it (a line).
const dropClassName =
  "rounded-md data-[drop=into]:bg-muted data-[drop=into]:outline-2 data-[drop=into]:outline-dashed " +
  "data-[drop=into]:outline-primary data-[drop=before]:shadow-[inset_0_2px_0_var(--color-primary)] " +
  "data-[drop=after]:shadow-[inset_0_-2px_0_var(--color-primary)]";

type DropMark = "into" | "before" | "after";

function listRow(id: number): HTMLElement | null {
  return document.querySelector<HTMLElement>(`[data-list-id="${id}"]`);
}

function OpenCount({ count }: { count: number | undefined }) {
  if (count === undefined) return null;
  return (
    <span className="text-xs text-muted-foreground tabular-nums">
      {count}
      {/* Read as what it is, not a bare number after the name. */}
      <span className="sr-only"> open</span>
    </span>
  );
}

interface ListsNavProps {
  userId: string;
  /** Called on following a link, so a drawer can close. */
  onNavigate?: () => void;
}

/**
 * The views, the user's lists with their open-task counts, and the list actions. Lists are
 * reordered by dragging or with Alt+↑/↓; a task dragged from the board onto a list (or the
 * Inbox) moves there.
 */
export function ListsNav({ userId, onNavigate }: ListsNavProps) {
  const lists = useLists(userId);
  const inboxCount = useInboxCount(userId);
  const moveList = useMoveList(userId);
  const moveTask = use(MoveTaskContext);
  const router = useRouter();
  const pathname = usePathname();
  const current = viewPath(parseViewSegments(pathname.split("/").slice(2)) ?? { kind: "all" });
  const [editingId, setEditingId] = useState<number | null>(null);
  const editing = lists.find(({ id }) => id === editingId);
  const [draggedList, setDraggedList] = useState<List | null>(null);
  const [drop, setDrop] = useState<{ key: string; mark: DropMark } | null>(null);
  const [announcement, setAnnouncement] = useState("");
  // Moving a row re-inserts it, which takes the focus away: it is put back once the list moved.
  const refocus = useRef<number | null>(null);
  // The sidebar and the drawer can both be on the page.
  const headingId = useId();

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once the order has changed, with the moved row in its new place.
  useEffect(() => {
    if (refocus.current === null) return;
    listRow(refocus.current)?.focus();
    refocus.current = null;
  }, [lists]);

  function move(list: List, position: number, { keepFocus }: { keepFocus: boolean }) {
    if (position === list.position || position < 0 || position >= lists.length) return;
    if (keepFocus) refocus.current = list.id;
    setAnnouncement(`Moved “${list.name}” to place ${position + 1} of ${lists.length}.`);
    moveList.mutate(
      { list, position },
      {
        onError: (error) => {
          // The toast says why, and is announced itself.
          setAnnouncement("");
          showToast("error", `Couldn't move “${list.name}”`, {
            description: moveErrorMessage(error),
          });
        },
      },
    );
  }

  /** Alt+Arrow moves the focused list up or down; the focus stays on it in its new place. */
  function onListKeyDown(event: KeyboardEvent, list: List) {
    if (!event.altKey || (event.key !== "ArrowUp" && event.key !== "ArrowDown")) return;
    event.preventDefault();
    move(list, list.position + (event.key === "ArrowUp" ? -1 : 1), { keepFocus: true });
  }

  function carriesTask(event: DragEvent): boolean {
    return moveTask !== null && event.dataTransfer.types.includes(TASK_DRAG_TYPE);
  }

  /** What a row does with a drag over it: take a task (target) or a list (list), or nothing. */
  function dropHandlers(key: string, target: TaskDropTarget, list?: List) {
    const markFor = (event: DragEvent): DropMark | null => {
      if (carriesTask(event)) return "into";
      if (!list || !draggedList || draggedList.id === list.id) return null;
      return draggedList.position < list.position ? "after" : "before";
    };
    const over = (event: DragEvent) => {
      const mark = markFor(event);
      if (!mark) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = "move";
      if (drop?.key !== key || drop.mark !== mark) setDrop({ key, mark });
    };
    return {
      "data-drop": drop?.key === key ? drop.mark : undefined,
      onDragEnter: over,
      onDragOver: over,
      onDragLeave: (event: DragEvent) => {
        if (event.currentTarget.contains(event.relatedTarget as Node | null)) return;
        setDrop((shown) => (shown?.key === key ? null : shown));
      },
      onDrop: (event: DragEvent) => {
        const mark = markFor(event);
        setDrop(null);
        if (!mark) return;
        event.preventDefault();
        if (mark === "into") {
          const taskId = Number(event.dataTransfer.getData(TASK_DRAG_TYPE));
          if (Number.isSafeInteger(taskId) && taskId > 0) moveTask?.(taskId, target);
        } else if (list && draggedList) {
          move(draggedList, list.position, { keepFocus: false });
        }
      },
    };
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
          const inbox = view.kind === "inbox";
          return (
            <li
              key={href}
              className={`flex ${dropClassName}`}
              {...(inbox ? dropHandlers("inbox", { id: null, name: "Inbox" }) : {})}
            >
              <Link
                href={href}
                className={linkClassName}
                aria-current={href === current ? "page" : undefined}
                onClick={onNavigate}
              >
                <span className="min-w-0 flex-1 truncate">{label}</span>
                {inbox ? <OpenCount count={inboxCount} /> : null}
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
                <li
                  key={list.id}
                  className={`flex items-center gap-1 ${dropClassName}`}
                  draggable
                  onDragStart={(event) => {
                    event.dataTransfer.effectAllowed = "move";
                    setDraggedList(list);
                  }}
                  onDragEnd={() => {
                    setDraggedList(null);
                    setDrop(null);
                  }}
                  {...dropHandlers(`list-${list.id}`, { id: list.id, name: list.name }, list)}
                >
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
                    <OpenCount count={list.task_count} />
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
            Reorder: drag a list, or <kbd className="font-mono">Alt</kbd>+
            <kbd className="font-mono">↑</kbd>/<kbd className="font-mono">↓</kbd> on it.
          </p>
        ) : null}
        <p role="status" className="sr-only">
          {announcement}
        </p>
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
