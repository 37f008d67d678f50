"use client";

import type { TaskStatus } from "@todo/contract/list-query";
import type { Task } from "@todo/contract/task";
import { clsx } from "clsx";
import { useTaskCount } from "../api/list-tasks";
import { STATUS_LABELS, type TaskFilters } from "../api/task-filters";
import { countWithoutPendingDeletes } from "../hooks/use-undoable-delete";

interface StatusTabsProps {
  filters: TaskFilters;
  /** The shown list's own `total`, which saves a count request for the selected status. */
  currentTotal: number | undefined;
  /** Deleted but still within their undo window: counted by the server, gone from the list. */
  pendingDeletes: Task[];
  onSelect: (status: TaskStatus) => void;
}

function StatusCount({
  filters,
  status,
  currentTotal,
  pendingDeletes,
}: Omit<StatusTabsProps, "onSelect"> & { status: TaskStatus }) {
  const selected = status === filters.status;
  const count = useTaskCount({ ...filters, status }, !selected);
  const value = selected
    ? currentTotal
    : count.data === undefined
      ? undefined
      : countWithoutPendingDeletes(count.data, pendingDeletes, status);
  return (
    <span className="min-w-5 rounded-full bg-background px-1.5 text-xs tabular-nums">
      {value ?? "–"}
    </span>
  );
}

/**
 * All / Active / Completed, each with how many tasks match the other filters. A group of
 * pressed-state buttons: each is a filter that changes the URL, not a panel switcher.
 */
export function StatusTabs({ onSelect, ...counts }: StatusTabsProps) {
  const { filters } = counts;
  return (
    <fieldset className="flex gap-1 rounded-lg bg-muted p-1">
      <legend className="sr-only">Status</legend>
      {(Object.entries(STATUS_LABELS) as [TaskStatus, string][]).map(([status, label]) => (
        <button
          key={status}
          type="button"
          aria-pressed={status === filters.status}
          onClick={() => onSelect(status)}
          className={clsx(
            "inline-flex h-9 min-w-0 flex-1 items-center justify-center gap-1.5 rounded-md px-2 text-sm font-medium",
            "focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-ring",
            // Ringed as well as raised: in dark mode the surface is barely lighter than the bar.
            status === filters.status
              ? "bg-surface text-foreground shadow-sm ring-2 ring-primary"
              : "text-muted-foreground hover:text-foreground",
          )}
        >
          {label} <StatusCount {...counts} status={status} />
        </button>
      ))}
    </fieldset>
  );
}
