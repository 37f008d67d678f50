"use client";

import type { Task } from "@todo/contract/task";
import { lazy, type ReactNode, Suspense, useCallback, useState } from "react";
import { showToast } from "@/components/ui/toaster";
import { describeError } from "@/lib/api-client";
import { useHydrated } from "@/lib/use-hydrated";
import { useCompleteTask } from "../api/complete-task";
import { useTasks } from "../api/list-tasks";
import { useTaskFilters } from "../hooks/use-task-filters";
import { UNDO_WINDOW_MS, useUndoableDelete } from "../hooks/use-undoable-delete";
import { AddTaskForm } from "./add-task-form";
import { StatusTabs } from "./status-tabs";
import { TaskList } from "./task-list";
import { TaskToolbar } from "./task-toolbar";

// The dialog (and Radix's focus and scroll management with it) loads when first opened.
const EditTaskDialog = lazy(() =>
  import("./edit-task-dialog").then(({ EditTaskDialog }) => ({ default: EditTaskDialog })),
);

/**
 * Served disabled and enabled by hydration: a control used before then would submit natively
 * or be reset by React, losing what was typed. A component of its own, so that enabling it
 * re-renders the fieldset alone and not everything inside it.
 */
function LiveFieldset({ children }: { children: ReactNode }) {
  const hydrated = useHydrated();
  return (
    <fieldset disabled={!hydrated} className="m-0 flex min-w-0 flex-col gap-6 border-0 p-0">
      {children}
    </fieldset>
  );
}

/** The add form, the filters and the list, wired to the URL and the API. */
export function TasksBoard() {
  const { filters, setFilters } = useTaskFilters();
  const query = useTasks(filters);
  const { mutateAsync: completeTask } = useCompleteTask();
  const [editing, setEditing] = useState<Task | null>(null);

  const onDeleteError = useCallback((error: Error, task: Task) => {
    showToast("error", `Couldn't delete “${task.title}”`, { description: describeError(error) });
  }, []);
  const { hiddenIds, remove, undo } = useUndoableDelete(onDeleteError);

  const loaded = query.data?.pages.flatMap((page) => page.items) ?? [];
  const tasks = loaded.filter((task) => !hiddenIds.has(task.id));
  const total = query.data?.pages[0]?.total;
  const currentTotal = total === undefined ? undefined : total - (loaded.length - tasks.length);

  function toggle(task: Task, completed: boolean): Promise<void> {
    // The checkbox flips at once; if the API refuses, the hook puts it back and this says why.
    return completeTask({ id: task.id, completed }).then(
      () => {},
      (error: Error) => {
        showToast("error", `Couldn't update “${task.title}”`, {
          description: describeError(error),
        });
      },
    );
  }

  function deleteWithUndo(task: Task) {
    remove(task);
    showToast("message", `Deleted “${task.title}”`, {
      duration: UNDO_WINDOW_MS,
      action: { label: "Undo", onClick: () => undo(task.id) },
    });
  }

  return (
    <LiveFieldset>
      <AddTaskForm />
      <section aria-labelledby="task-list-heading" className="flex flex-col gap-4">
        <h2 id="task-list-heading" className="sr-only">
          Your tasks
        </h2>
        <TaskToolbar filters={filters} onChange={setFilters} />
        <StatusTabs
          filters={filters}
          currentTotal={currentTotal}
          onSelect={(status) => setFilters({ status })}
        />
        <TaskList
          query={query}
          tasks={tasks}
          filtered={Boolean(filters.q || filters.tag || filters.priority)}
          onClearFilters={() => setFilters({ q: undefined, tag: undefined, priority: undefined })}
          onToggle={toggle}
          onEdit={setEditing}
          onDelete={deleteWithUndo}
          onTagClick={(tag) => setFilters({ tag })}
        />
      </section>
      {editing ? (
        <Suspense fallback={null}>
          <EditTaskDialog key={editing.id} task={editing} onClose={() => setEditing(null)} />
        </Suspense>
      ) : null}
    </LiveFieldset>
  );
}
