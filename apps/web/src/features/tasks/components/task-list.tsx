"use client";

import type { Task } from "@todo/contract/task";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { LoadErrorAlert } from "@/components/ui/load-error-alert";
import { Skeleton } from "@/components/ui/skeleton";
import { Spinner } from "@/components/ui/spinner";
import { NetworkError } from "@/lib/api-client";
import type { useTasks } from "../api/list-tasks";
import { groupByDay } from "./day-groups";
import { TaskItem } from "./task-item";

interface TaskListProps {
  query: ReturnType<typeof useTasks>;
  tasks: Task[];
  /** How many match in all, loaded or not. */
  total: number | undefined;
  filtered: boolean;
  onClearFilters: () => void;
  onToggle: (task: Task, completed: boolean) => Promise<void>;
  onEdit: (task: Task) => void;
  onDelete: (task: Task) => void;
  onTagClick: (tag: string) => void;
  /** Under a heading per due day (Upcoming). */
  groupByDay?: boolean;
}

function TaskListSkeleton() {
  return (
    <div role="status" aria-label="Loading tasks" className="flex flex-col gap-2">
      {[0, 1, 2].map((row) => (
        <Skeleton key={row} className="h-20 w-full" />
      ))}
    </div>
  );
}

/** Shown while the list's requests get no answer and are retried (tasks-page.tsx). */
function Unreachable({ onRetry }: { onRetry: () => void }) {
  return (
    <Alert
      title="Can't reach the server"
      action={
        <Button variant="secondary" size="sm" onClick={onRetry}>
          Retry now
        </Button>
      }
    >
      Retrying every few seconds. What you type here is kept.
    </Alert>
  );
}

export function TaskList({
  query,
  tasks,
  total,
  filtered,
  onClearFilters,
  groupByDay: grouped = false,
  ...itemHandlers
}: TaskListProps) {
  const unreachable = query.failureReason instanceof NetworkError;
  const problem = unreachable ? (
    <Unreachable onRetry={() => query.refetch()} />
  ) : query.isError ? (
    <LoadErrorAlert
      title="Couldn't load your tasks"
      error={query.error}
      onRetry={() => query.refetch()}
      retryLabel="Retry"
    />
  ) : null;
  if (query.isPending) return problem ?? <TaskListSkeleton />;

  const taskItems = (label: string, items: Task[]) => (
    <ul aria-label={label} className="flex flex-col gap-2">
      {items.map((task) => (
        <TaskItem key={task.id} task={task} {...itemHandlers} />
      ))}
    </ul>
  );

  if (query.isError && !query.data) return problem;

  return (
    <div className="flex flex-col gap-3">
      {problem}
      {tasks.length === 0 ? (
        <div className="flex flex-col items-center gap-3 rounded-lg border border-dashed border-border p-8 text-center">
          <p className="font-medium">
            {filtered ? "No tasks match these filters." : "No tasks here yet."}
          </p>
          {filtered ? (
            <Button variant="secondary" size="sm" onClick={onClearFilters}>
              Clear filters
            </Button>
          ) : (
            <p className="text-sm text-muted-foreground">
              Add one above to get started. Press <kbd className="font-mono">?</kbd> for keyboard
              shortcuts.
            </p>
          )}
        </div>
      ) : grouped ? (
        groupByDay(tasks).map(({ day, label, tasks: dayTasks }) => (
          <section key={day} aria-labelledby={`day-${day}`} className="flex flex-col gap-2">
            <h3 id={`day-${day}`} className="text-sm font-semibold text-muted-foreground">
              {label}
            </h3>
            {taskItems(label, dayTasks)}
          </section>
        ))
      ) : (
        taskItems("Tasks", tasks)
      )}
      {query.hasNextPage ? (
        <Button
          variant="secondary"
          className="self-center"
          disabled={query.isFetchingNextPage}
          onClick={() => query.fetchNextPage()}
        >
          {query.isFetchingNextPage ? <Spinner label="Loading more tasks" /> : null}
          {total === undefined ? "Load more" : `Load more (${tasks.length} of ${total})`}
        </Button>
      ) : null}
    </div>
  );
}
