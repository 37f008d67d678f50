import type { TaskStatus } from "@todo/contract/list-query";
import type { Task } from "@todo/contract/task";
import { useCallback, useEffect, useRef, useState } from "react";
import { useDeleteTask } from "../api/delete-task";

/** How long a deleted task can be brought back; matches the toast that offers Undo. */
export const UNDO_WINDOW_MS = 5000;

/**
 * Delete with undo by delaying the request: the task is hidden at once and only deleted on the
 * server once the undo window has passed, so undo restores it exactly (same id, same dates).
 * Leaving the page sends the pending deletes straight away.
 */
export function useUndoableDelete(onError: (error: Error, task: Task) => void) {
  const deleteTask = useDeleteTask();
  // Read through a ref so a new callback each render does not re-run the unmount flush below.
  const onErrorRef = useRef(onError);
  useEffect(() => {
    onErrorRef.current = onError;
  });
  const [hiddenIds, setHiddenIds] = useState<ReadonlySet<number>>(new Set());
  const pending = useRef(new Map<number, { task: Task; timer: ReturnType<typeof setTimeout> }>());

  const unhide = useCallback((id: number) => {
    setHiddenIds((ids) => {
      const next = new Set(ids);
      next.delete(id);
      return next;
    });
  }, []);

  const commit = useCallback(
    (id: number, keepalive = false) => {
      const entry = pending.current.get(id);
      if (!entry) return;
      clearTimeout(entry.timer);
      pending.current.delete(id);
      deleteTask({ id, keepalive })
        .catch((error: Error) => onErrorRef.current(error, entry.task))
        .finally(() => unhide(id));
    },
    [deleteTask, unhide],
  );

  const remove = useCallback(
    (task: Task) => {
      setHiddenIds((ids) => new Set(ids).add(task.id));
      const timer = setTimeout(() => commit(task.id), UNDO_WINDOW_MS);
      pending.current.set(task.id, { task, timer });
    },
    [commit],
  );

  const undo = useCallback(
    (id: number) => {
      const entry = pending.current.get(id);
      if (!entry) return;
      clearTimeout(entry.timer);
      pending.current.delete(id);
      unhide(id);
    },
    [unhide],
  );

  useEffect(() => {
    const flush = () => {
      for (const id of [...pending.current.keys()]) commit(id, true);
    };
    window.addEventListener("pagehide", flush);
    return () => {
      window.removeEventListener("pagehide", flush);
      flush();
    };
  }, [commit]);

  /** The loaded tasks as the user should see them: those pending deletion set apart. */
  const split = useCallback(
    (loaded: Task[]) => ({
      tasks: loaded.filter((task) => !hiddenIds.has(task.id)),
      pendingDeletes: loaded.filter((task) => hiddenIds.has(task.id)),
    }),
    [hiddenIds],
  );

  return { split, remove, undo };
}

/** A server count of `status` without the tasks pending deletion, which it still includes. */
export function countWithoutPendingDeletes(
  count: number,
  pendingDeletes: readonly Task[],
  status: TaskStatus,
): number {
  const inStatus = (task: Task) => status === "all" || task.completed === (status === "completed");
  return count - pendingDeletes.filter(inStatus).length;
}
