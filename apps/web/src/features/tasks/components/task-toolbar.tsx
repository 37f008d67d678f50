"use client";

import type { SortOrder, TaskSort } from "@todo/contract/list-query";
import type { Priority } from "@todo/contract/task";
import { useCallback } from "react";
import { FormField } from "@/components/ui/form-field";
import { Select } from "@/components/ui/select";
import { ORDER_LABELS, PRIORITY_LABELS, SORT_LABELS, type TaskFilters } from "../api/task-filters";
import { DebouncedTextField } from "./debounced-text-field";
import { LabelOptions } from "./task-fields";

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
              onChange({ priority: (event.target.value || undefined) as Priority | undefined })
            }
          >
            <option value="">Any</option>
            <LabelOptions labels={PRIORITY_LABELS} />
          </Select>
        )}
      </FormField>
      <DebouncedTextField label="Tag" value={filters.tag ?? ""} onCommit={commitTag} />
      <FormField label="Sort by" className="flex flex-col gap-1.5 sm:col-span-2">
        {(control) => (
          <Select
            {...control}
            value={filters.sort}
            onChange={(event) => onChange({ sort: event.target.value as TaskSort })}
          >
            <LabelOptions labels={SORT_LABELS} />
          </Select>
        )}
      </FormField>
      <FormField label="Order" className="flex flex-col gap-1.5 sm:col-span-2">
        {(control) => (
          <Select
            {...control}
            value={filters.order}
            onChange={(event) => onChange({ order: event.target.value as SortOrder })}
          >
            <LabelOptions labels={ORDER_LABELS} />
          </Select>
        )}
      </FormField>
    </search>
  );
}
