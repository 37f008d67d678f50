"use client";

import type { SortOrder, TaskSort } from "@todo/contract/list-query";
import type { Priority } from "@todo/contract/task";
import { type RefObject, useCallback, useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Select } from "@/components/ui/select";
import {
  DEFAULT_FILTERS,
  ORDER_LABELS,
  PRIORITY_LABELS,
  SORT_LABELS,
  type TaskFilters,
} from "../api/task-filters";
import { DebouncedTextField } from "./debounced-text-field";
import { LabelOptions } from "./label-options";

interface TaskToolbarProps {
  /** What the list shows: the user's filters within the view's own (Today sorts by due date). */
  filters: TaskFilters;
  /** The filters the user chose; only these count as active, so a view's sort keeps the bar folded. */
  chosen: TaskFilters;
  onChange: (changes: Partial<TaskFilters>, options?: { replace?: boolean }) => void;
  searchRef: RefObject<HTMLInputElement | null>;
}

/** Filters that differ from the defaults, counted on the folded bar's button. */
function activeFilterCount(filters: TaskFilters): number {
  return [filters.priority, filters.tag, filters.sort !== DEFAULT_FILTERS.sort].filter(Boolean)
    .length;
}

/**
 * Search in one row with a "Filters" button; priority, tag and sort fold behind it so that the
 * tasks themselves stay in view on a phone.
 */
export function TaskToolbar({ filters, chosen, onChange, searchRef }: TaskToolbarProps) {
  const id = useId();
  // A link or a reload with filters set opens with them in view.
  const [expanded, setExpanded] = useState(() => activeFilterCount(chosen) > 0);
  // Text filters replace the history entry: one per pause in typing would make Back useless.
  const commitSearch = useCallback((q: string) => onChange({ q }, { replace: true }), [onChange]);
  const commitTag = useCallback((tag: string) => onChange({ tag }, { replace: true }), [onChange]);
  const active = activeFilterCount(chosen);

  return (
    <search className="flex flex-col gap-3">
      <div className="flex items-end gap-2">
        <div className="min-w-0 flex-1">
          <DebouncedTextField
            label="Search"
            hideLabel
            type="search"
            placeholder="Search tasks"
            value={filters.q ?? ""}
            onCommit={commitSearch}
            inputRef={searchRef}
          />
        </div>
        <Button
          variant="secondary"
          aria-expanded={expanded}
          aria-controls={`${id}-filters`}
          onClick={() => setExpanded((open) => !open)}
        >
          Filters{active > 0 ? ` (${active})` : ""}
        </Button>
      </div>
      <div
        id={`${id}-filters`}
        hidden={!expanded}
        className="grid grid-cols-2 gap-3 sm:grid-cols-4"
      >
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
        <FormField label="Sort by">
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
      </div>
    </search>
  );
}
