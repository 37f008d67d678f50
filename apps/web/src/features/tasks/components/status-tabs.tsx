"use client";

import { TASK_STATUSES, type TaskStatus } from "@todo/contract/list-query";
import type { ReactNode } from "react";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { useTaskCount } from "../api/list-tasks";
import type { TaskFilters } from "../api/task-keys";

const STATUS_LABELS: Record<TaskStatus, string> = {
  all: "All",
  pending: "Active",
  completed: "Completed",
};

interface StatusTabsProps {
  filters: TaskFilters;
  /** The shown list's own `total`, which saves a count request for the selected tab. */
  currentTotal: number | undefined;
  onSelect: (status: TaskStatus) => void;
  children: ReactNode;
}

function StatusCount({
  filters,
  status,
  currentTotal,
}: {
  filters: TaskFilters;
  status: TaskStatus;
  currentTotal: number | undefined;
}) {
  const selected = status === filters.status;
  const count = useTaskCount({ ...filters, status }, !selected);
  const value = selected ? currentTotal : count.data;
  return (
    <span className="min-w-5 rounded-full bg-muted px-1.5 text-xs tabular-nums">
      {value ?? "–"}
    </span>
  );
}

/** All / Active / Completed, each with how many tasks match the other filters. */
export function StatusTabs({ filters, currentTotal, onSelect, children }: StatusTabsProps) {
  return (
    <Tabs
      value={filters.status}
      onValueChange={(value) => onSelect(value as TaskStatus)}
      // Manual activation: arrowing across tabs should not push a history entry per tab.
      activationMode="manual"
      className="flex flex-col gap-4"
    >
      <TabsList aria-label="Status">
        {TASK_STATUSES.map((status) => (
          <TabsTrigger key={status} value={status}>
            {STATUS_LABELS[status]}
            <StatusCount filters={filters} status={status} currentTotal={currentTotal} />
          </TabsTrigger>
        ))}
      </TabsList>
      <TabsContent value={filters.status} className="focus-visible:outline-none">
        {children}
      </TabsContent>
    </Tabs>
  );
}
