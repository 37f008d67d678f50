import type { Task } from "@todo/contract/task";
import { useCallback } from "react";
import { showToast } from "@/components/ui/toaster";
import { describeError } from "@/lib/api-client";
import { useQueryEngine } from "@/lib/deferred-queries";
import type { MoveTaskTo, TaskDropTarget } from "@/lib/task-drag";
import { useLists } from "@/lib/use-lists";
import { useTasksScope } from "../hooks/use-tasks-scope";
import { cachedTask } from "./task-cache";
import { useUpdateTask } from "./update-task";

/**
 * A task dropped on a list (or the Inbox) moves there: an edit of `list_id` as the edit dialog
 * makes it (If-Match, optimistic, counts read again), with a toast whose Undo moves it back.
 */
export function useMoveTaskTo(): MoveTaskTo {
  const { userId } = useTasksScope();
  const engine = useQueryEngine();
  const lists = useLists(userId);
  const updateTask = useUpdateTask();

  const move = useCallback(
    (seen: Task, target: TaskDropTarget, back?: TaskDropTarget) => {
      updateTask({ seen, changes: { list_id: target.id } }).then(
        (moved) =>
          showToast("success", `Moved “${seen.title}” to ${target.name}`, {
            ...(back ? { action: { label: "Undo", onClick: () => move(moved, back) } } : {}),
          }),
        (error: Error) =>
          showToast("error", `Couldn't move “${seen.title}”`, {
            description: describeError(error),
          }),
      );
    },
    [updateTask],
  );

  return useCallback(
    (taskId: number, target: TaskDropTarget) => {
      // Nothing to drag from before then: the sidebar that takes drops loads with the engine.
      if (!engine) return;
      const seen = cachedTask(engine.client, userId, taskId);
      if (!seen || seen.list_id === target.id) return;
      const from = lists.find((list) => list.id === seen.list_id);
      move(seen, target, { id: seen.list_id, name: from?.name ?? "Inbox" });
    },
    [engine, userId, lists, move],
  );
}
