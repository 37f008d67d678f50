"use client";

import type { List } from "@todo/contract/list";
import Link from "next/link";
import { useRouter } from "next/navigation";
import {
  type DragEvent,
  type KeyboardEvent,
  lazy,
  Suspense,
  use,
  useEffect,
  useRef,
  useState,
} from "react";
import { showToast } from "@/components/ui/toaster";
import { MoveTaskContext, TASK_DRAG_TYPE, type TaskDropTarget } from "@/lib/task-drag";
import { viewPath } from "@/lib/task-views";
import { useInboxCount, useLists } from "@/lib/use-lists";
import { moveErrorMessage, useMoveList } from "../api/list-mutations";
import { ListsNavLayout, useCurrentViewPath } from "./lists-nav-layout";
import { NewListForm } from "./new-list-form";

// Radix's dialog loads when a list is first edited.
const ListDialog = lazy(() =>
  import("./list-dialog").then(({ ListDialog }) => ({ default: ListDialog })),
);

type DropMark = "into" | "before" | "after";

function listRow(id: number): HTMLElement | null {
  return document.querySelector<HTMLElement>(`[data-list-id="${id}"]`);
}

interface ListsNavProps {
  userId: string;
  /** Called on following a link, so a drawer can close. */
  onNavigate?: () => void;
}

/**
 * The views, the user's lists with their open-task counts (lists-nav-layout.tsx), and the list
 * actions. Lists are reordered by dragging or with Alt+↑/↓; a task dragged from the board onto a
 * list (or the Inbox) moves there.
 */
export function ListsNav({ userId, onNavigate }: ListsNavProps) {
  const lists = useLists(userId);
  const inboxCount = useInboxCount(userId);
  const moveList = useMoveList(userId);
  const moveTask = use(MoveTaskContext);
  const router = useRouter();
  const current = useCurrentViewPath();
  const [editingId, setEditingId] = useState<number | null>(null);
  const editing = lists.find(({ id }) => id === editingId);
  const [draggedList, setDraggedList] = useState<List | null>(null);
  const [drop, setDrop] = useState<{ key: string; mark: DropMark } | null>(null);
  const [announcement, setAnnouncement] = useState("");
  // Moving a row re-inserts it, which takes the focus away: it is put back once the list moved.
  const refocus = useRef<number | null>(null);

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
    <ListsNavLayout
      lists={lists}
      inboxCount={inboxCount}
      link={Link}
      onNavigate={onNavigate}
      onEdit={(list) => setEditingId(list.id)}
      inboxRow={dropHandlers("inbox", { id: null, name: "Inbox" })}
      listRow={(list) => ({
        draggable: true,
        onDragStart: (event) => {
          event.dataTransfer.effectAllowed = "move";
          setDraggedList(list);
        },
        onDragEnd: () => {
          setDraggedList(null);
          setDrop(null);
        },
        ...dropHandlers(`list-${list.id}`, { id: list.id, name: list.name }, list),
      })}
      listLink={(list) => ({
        "aria-keyshortcuts": "Alt+ArrowUp Alt+ArrowDown",
        onKeyDown: (event) => onListKeyDown(event, list),
      })}
      footer={
        <>
          <p role="status" className="sr-only">
            {announcement}
          </p>
          <NewListForm userId={userId} />
        </>
      }
    >
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
    </ListsNavLayout>
  );
}
