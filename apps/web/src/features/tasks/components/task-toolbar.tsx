"use client";

import { type SortOrder, TASK_SORTS, type TaskSort } from "@todo/contract/list-query";
import type { Priority } from "@todo/contract/task";
import { useCallback } from "react";
import { FormField } from "@/components/ui/form-field";
import { Select } from "@/components/ui/select";
import type { TaskFilters } from "../api/task-keys";
import { DebouncedTextField } from "./debounced-text-field";
import { PriorityOptions } from "./task-fields";

const SORT_LABELS: Record<TaskSort, string> = {
  created_at: "Created",
  updated_at: "Updated",
  due_date: "Due date",
  priority: "Priority",
  title: "Title",
};

interface TaskToolbarProps {
  filters: TaskFilters;
  onChange: (changes: Partial<TaskFilters>, options?: { replace?: boolean }) => void;
}

export function TaskToolbar({ filters, onChange }: TaskToolbarProps) {
  // Text filters replace the history entry: one per pause in typing would make Back useless.
  const commitSearch = useCallback((q: string) => onChange({ q }, { replace: true }), [onChange]);
  const commitTag = useCallback((tag: string) => onChange({ tag }, { replace: true }), [onChange]);

  return (
    <search className="grid grid-cols-2 gap-3 sm:grid-cols-4">
      <div className="col-span-2">
        <DebouncedTextField
          label="Search"
          type="search"
          placeholder="Title or description"
          value={filters.q ?? ""}
          onCommit={commitSearch}
        />
      </div>
      <FormField label="Priority">
        {(control) => (
          <Select
            {...control}
            value={filters.priority ?? ""}
            onChange={(event) =>
              onChange({ priority: (event.target.value || undefined) as Priority })
            }
          >
            <option value="">Any</option>
            <PriorityOptions />
          </Select>
        )}
      </FormField>
      <DebouncedTextField label="Tag" value={filters.tag ?? ""} onCommit={commitTag} />
      <FormField label="Sort by" className="col-span-1 flex flex-col gap-1.5 sm:col-span-2">
        {(control) => (
          <Select
            {...control}
            value={filters.sort}
            onChange={(event) => onChange({ sort: event.target.value as TaskSort })}
          >
            {TASK_SORTS.map((sort) => (
              <option key={sort} value={sort}>
                {SORT_LABELS[sort]}
              </option>
            ))}
          </Select>
        )}
      </FormField>
      <FormField label="Order" className="col-span-1 flex flex-col gap-1.5 sm:col-span-2">
        {(control) => (
          <Select
            {...control}
            value={filters.order}
            onChange={(event) => onChange({ order: event.target.value as SortOrder })}
          >
            <option value="desc">Descending</option>
            <option value="asc">Ascending</option>
          </Select>
        )}
      </FormField>
    </search>
  );
}
