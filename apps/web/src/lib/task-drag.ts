import { createContext } from "react";

// A task row (features/tasks) is dragged onto a list in the sidebar (features/lists), two
// features that may not import each other: what they agree on lives here.

/** The drag data type of a task row; its value is the task's id. */
export const TASK_DRAG_TYPE = "application/x-todo-task";

/** Where a task is dropped: a list, or the Inbox (`id` null), with its name for messages. */
export interface TaskDropTarget {
  id: number | null;
  name: string;
}

/** Moves the task with this id to the target; provided by the tasks board. */
export type MoveTaskTo = (taskId: number, target: TaskDropTarget) => void;

/** Null where no board is on the page: the sidebar then accepts no task drops. */
export const MoveTaskContext = createContext<MoveTaskTo | null>(null);
