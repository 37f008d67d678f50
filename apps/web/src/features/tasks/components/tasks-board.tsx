"use client";

import type { Task } from "@todo/contract/task";
import { useRouter } from "next/navigation";
import { lazy, Suspense, useCallback, useRef, useState } from "react";
import { LiveFieldset } from "@/components/ui/live-fieldset";
import { showToast } from "@/components/ui/toaster";
import { ApiError, describeError } from "@/lib/api-client";
import { useQueryEngine } from "@/lib/deferred-queries";
import { dueLabel } from "@/lib/due-label";
import { type TaskView, viewPath } from "@/lib/task-views";
import { useCompleteTask } from "../api/complete-task";
import { useTasks } from "../api/list-tasks";
import { useRestoreOccurrence } from "../api/restore-occurrence";
import { viewFilters, viewFixesStatus } from "../api/view-filters";
import { useKeyboardShortcuts } from "../hooks/use-keyboard-shortcuts";
import { useRequestedEdit } from "../hooks/use-requested-edit";
import { useTaskFilters } from "../hooks/use-task-filters";
import {
  countWithoutPendingDeletes,
  UNDO_WINDOW_MS,
  useUndoableDelete,
} from "../hooks/use-undoable-delete";
import { AddTaskForm } from "./add-task-form";
import { StatusTabs } from "./status-tabs";
import { TaskList } from "./task-list";
import { TaskToolbar } from "./task-toolbar";

// The dialogs (and Radix's focus and scroll management with them) load when first opened.
const EditTaskDialog = lazy(() =>
  import("./edit-task-dialog").then(({ EditTaskDialog }) => ({ default: EditTaskDialog })),
);
const ShortcutsDialog = lazy(() =>
  import("./shortcuts-dialog").then(({ ShortcutsDialog }) => ({ default: ShortcutsDialog })),
);

function taskRow(id: number): HTMLElement | null {
  return document.querySelector<HTMLElement>(`[data-task-id="${id}"]`);
}

/** The add form, the filters and the list, wired to the URL, the API and the keyboard. */
export function TasksBoard({ view }: { view: TaskView }) {
  const router = useRouter();
  const { filters: searched, setFilters, sortChosen } = useTaskFilters();
  // The day the view's dates are counted from: fixed while the page is open.
  const [now] = useState(() => new Date());
  const filters = viewFilters(view, searched, { now, sortChosen });
  const query = useTasks(filters);
  // Served and hydrated from the server's data; live once TanStack Query is in (ADR 0051).
  const live = useQueryEngine() !== null;
  const completeTask = useCompleteTask();
  const restoreOccurrence = useRestoreOccurrence();
  const [editing, setEditing] = useState<Task | null>(null);
  const [showingShortcuts, setShowingShortcuts] = useState(false);
  useRequestedEdit(setEditing);
  const addRef = useRef<HTMLInputElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);

  const onDeleteError = useCallback((error: Error, task: Task) => {
    showToast("error", `Couldn't delete “${task.title}”`, { description: describeError(error) });
  }, []);
  const { split, remove, undo } = useUndoableDelete(onDeleteError);

  const { tasks, pendingDeletes } = split(query.data?.pages.flatMap((page) => page.items) ?? []);
  const total = query.data?.pages[0]?.total;
  const currentTotal =
    total === undefined ? undefined : countWithoutPendingDeletes(total, pendingDeletes, "all");
  const filtered = Boolean(filters.q || filters.tag || filters.priority);
  // Nothing to search, filter or count yet: the list's empty state says how to start.
  const noTasksAtAll =
    currentTotal === 0 && !filtered && view.kind === "all" && filters.status === "all";

  /** The task whose row holds the focus, if any. */
  function focusedTask(): Task | undefined {
    const row = document.activeElement?.closest<HTMLElement>("[data-task-id]");
    return row ? tasks.find((task) => String(task.id) === row.dataset.taskId) : undefined;
  }

  /** Before `task` leaves the list: focus the task after it (or before, if last), else quick add. */
  function focusNeighbourOf(task: Task) {
    const index = tasks.findIndex(({ id }) => id === task.id);
    const neighbour = tasks[index + 1] ?? tasks[index - 1];
    if (neighbour) taskRow(neighbour.id)?.focus();
    else addRef.current?.focus();
  }

  function moveFocus(step: 1 | -1) {
    const current = focusedTask();
    const index = current ? tasks.indexOf(current) + step : 0;
    const target = tasks[Math.min(Math.max(index, 0), tasks.length - 1)];
    if (target) taskRow(target.id)?.focus();
  }

  function toggle(task: Task, completed: boolean): Promise<void> {
    // A recurring task usually stays (at its next date); only the answer tells whether it ended.
    const recurring = completed && task.recurrence !== null;
    // In the Active view a completed task leaves the list: focus moves on, and undo brings it back.
    const leavesView = completed && filters.status === "pending";
    if (leavesView && !recurring) focusNeighbourOf(task);
    // The checkbox flips at once; if the API refuses, the hook puts it back and this says why.
    return completeTask({ id: task.id, completed }).then(
      ({ data: after, etag }) => {
        if (recurring && !after.completed && after.due_date) {
          showToast("message", `Next: ${dueLabel(after.due_date).text}`, {
            description: `“${task.title}” moved to its next date`,
            duration: UNDO_WINDOW_MS,
            action: { label: "Undo", onClick: () => undoOccurrence(task, etag) },
          });
          return;
        }
        if (!leavesView) return;
        if (recurring) focusNeighbourOf(task);
        showToast("message", `Completed “${task.title}”`, {
          duration: UNDO_WINDOW_MS,
          action: { label: "Undo", onClick: () => void toggle(task, false) },
        });
      },
      (error: Error) => {
        showToast("error", `Couldn't update “${task.title}”`, {
          description: describeError(error),
        });
      },
    );
  }

  /** Back to the due date (and COUNT) before the completion, unless the task changed since. */
  function undoOccurrence(before: Task, etag: string | null) {
    restoreOccurrence({ before, etag }).catch((error: Error) => {
      showToast("error", `Couldn't undo “${before.title}”`, {
        description:
          error instanceof ApiError && error.status === 412
            ? "It was changed meanwhile; it keeps its new date."
            : describeError(error),
      });
    });
  }

  function deleteWithUndo(task: Task) {
    focusNeighbourOf(task);
    remove(task);
    showToast("message", `Deleted “${task.title}”`, {
      duration: UNDO_WINDOW_MS,
      action: { label: "Undo", onClick: () => undo(task.id) },
    });
  }

  function withFocusedTask(act: (task: Task) => void) {
    return () => {
      const task = focusedTask();
      if (task) act(task);
    };
  }

  useKeyboardShortcuts(live, {
    quickAdd: () => addRef.current?.focus(),
    search: () => searchRef.current?.focus(),
    next: () => moveFocus(1),
    previous: () => moveFocus(-1),
    complete: withFocusedTask((task) => void toggle(task, !task.completed)),
    edit: withFocusedTask(setEditing),
    delete: withFocusedTask(deleteWithUndo),
    goInbox: () => router.push(viewPath({ kind: "inbox" })),
    goToday: () => router.push(viewPath({ kind: "today" })),
    goUpcoming: () => router.push(viewPath({ kind: "upcoming" })),
    help: () => setShowingShortcuts(true),
  });

  return (
    <LiveFieldset disabled={!live} className="flex flex-col gap-4">
      <AddTaskForm
        // A list view's form starts in that list.
        key={view.kind === "list" ? view.listId : "none"}
        titleRef={addRef}
        listId={view.kind === "list" ? view.listId : null}
      />
      <section aria-labelledby="task-list-heading" className="flex flex-col gap-3">
        <h2 id="task-list-heading" className="sr-only">
          Your tasks
        </h2>
        {noTasksAtAll ? null : (
          <>
            <TaskToolbar
              filters={filters}
              chosen={searched}
              onChange={setFilters}
              searchRef={searchRef}
            />
            {viewFixesStatus(view) ? null : (
              <StatusTabs
                filters={filters}
                currentTotal={currentTotal}
                pendingDeletes={pendingDeletes}
                onSelect={(status) => setFilters({ status })}
              />
            )}
          </>
        )}
        <TaskList
          query={query}
          tasks={tasks}
          total={currentTotal}
          filtered={filtered}
          onClearFilters={() => setFilters({ q: undefined, tag: undefined, priority: undefined })}
          onToggle={toggle}
          onEdit={setEditing}
          onDelete={deleteWithUndo}
          onTagClick={(tag) => setFilters({ tag })}
          groupByDay={view.kind === "upcoming"}
        />
      </section>
      <button
        type="button"
        onClick={() => setShowingShortcuts(true)}
        className="self-start rounded-sm text-sm text-muted-foreground hover:underline focus-visible:outline-2 focus-visible:outline-ring"
      >
        Keyboard shortcuts <kbd className="font-mono">?</kbd>
      </button>
      {editing ? (
        <Suspense fallback={null}>
          <EditTaskDialog key={editing.id} task={editing} onClose={() => setEditing(null)} />
        </Suspense>
      ) : null}
      {showingShortcuts ? (
        <Suspense fallback={null}>
          <ShortcutsDialog onClose={() => setShowingShortcuts(false)} />
        </Suspense>
      ) : null}
    </LiveFieldset>
  );
}
