import type { Task } from "@todo/contract/task";
import { useSearchParams } from "next/navigation";
import { useEffect } from "react";
import { showToast } from "@/components/ui/toaster";
import { describeError } from "@/lib/api-client";
import { useDeferredQuery } from "@/lib/deferred-queries";
import { taskOptions } from "../api/get-task";
import { useTasksScope } from "./use-tasks-scope";

/** `?edit=<task id>` opens that task's edit dialog: where signing in again returns to an edit. */
const EDIT_PARAM = "edit";

/** This page, filters and all, with task `id`'s edit dialog open. */
export function pathEditing(id: number): string {
  const url = new URL(window.location.href);
  url.searchParams.set(EDIT_PARAM, String(id));
  return `${url.pathname}${url.search}`;
}

function requestedId(value: string | null): number | null {
  return value !== null && /^[1-9]\d{0,15}$/.test(value) ? Number(value) : null;
}

/**
 * Opens the task the address asks to edit, read from the API (it may not be on the list's
 * first page, or match its filters), then takes the request out of the address.
 */
export function useRequestedEdit(open: (task: Task) => void): void {
  const { client, userId } = useTasksScope();
  const id = requestedId(useSearchParams().get(EDIT_PARAM));
  const { data, error } = useDeferredQuery({
    ...taskOptions(client, userId, id ?? 0),
    enabled: id !== null,
  });
  useEffect(() => {
    if (!data && !error) return;
    if (data) open(data.data);
    else showToast("error", "Couldn't open the task", { description: describeError(error) });
    // Asked once: closing the dialog or reloading the page leaves it closed.
    const url = new URL(window.location.href);
    url.searchParams.delete(EDIT_PARAM);
    window.history.replaceState(null, "", `${url.pathname}${url.search}`);
  }, [data, error, open]);
}
