// Types only: the contract's schemas would bring zod (and its JIT, refused by the CSP) to the page.
import type { ImportResult } from "@todo/contract/export";
import type { FieldError } from "@todo/contract/problem";
import type { ApiClient } from "@/lib/api-client";

export type ExportFormat = "json" | "csv";

const userPath = (userId: string) => `/api/${encodeURIComponent(userId)}`;

/** Saves a file the way a link with `download` would. */
function saveFile(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the URL once the click is handled.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** `GET /api/{user_id}/export`, saved under the name the API gives it. */
export async function downloadExport(
  client: ApiClient,
  userId: string,
  format: ExportFormat,
): Promise<void> {
  const query = format === "csv" ? "?format=csv" : "";
  const { blob, filename } = await client.download(`${userPath(userId)}/export${query}`);
  saveFile(blob, filename ?? `todo-export.${format}`);
}

/** `POST /api/{user_id}/import`: all or nothing. */
export function importExport(
  client: ApiClient,
  userId: string,
  document: unknown,
): Promise<ImportResult> {
  return client.request<ImportResult>("POST", `${userPath(userId)}/import`, { body: document });
}

export interface ImportPreview {
  document: unknown;
  lists: number;
  tasks: number;
  /** The first few task titles, to recognise the file by. */
  titles: string[];
}

const PREVIEW_TITLES = 5;

/**
 * What a chosen file holds, read in the browser. Only its shape is checked here: every field is
 * validated by the API, whose errors name each item.
 */
export function previewImport(text: string): ImportPreview | { error: string } {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return { error: "This file is not JSON. Choose a .json file exported from Todo." };
  }
  const { format, lists, tasks } = (document ?? {}) as Record<string, unknown>;
  if (format !== "todo-export" || !Array.isArray(lists) || !Array.isArray(tasks)) {
    return { error: "This file is not a Todo export. Choose a .json file exported from Todo." };
  }
  const titles = tasks
    .slice(0, PREVIEW_TITLES)
    .map((task) => (task as { title?: unknown } | null)?.title)
    .map((title) => (typeof title === "string" && title.trim() ? title : "(no title)"));
  return { document, lists: lists.length, tasks: tasks.length, titles };
}

const ITEM_NAMES: Record<string, string> = { tasks: "Task", lists: "List" };

/** `tasks.17.title` → `Task 18, title: Must not be empty` (items counted from 1, as people do). */
export function describeImportError({ path, message }: FieldError): string {
  const [collection, index, ...field] = path.split(".");
  const item = collection && ITEM_NAMES[collection];
  if (item && index !== undefined && /^\d+$/.test(index)) {
    const where = `${item} ${Number(index) + 1}`;
    return field.length > 0 ? `${where}, ${field.join(".")}: ${message}` : `${where}: ${message}`;
  }
  return path ? `${path}: ${message}` : message;
}
