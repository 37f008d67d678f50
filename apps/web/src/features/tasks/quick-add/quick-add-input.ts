import { draftToInput, type TaskDraft } from "../hooks/task-draft";
import type { QuickAdd } from "./parse-quick-add";

/**
 * The create request for a quick add: what the text says wins over the form's detail fields,
 * and the recurrence and reminder fields (docs/api.md, Tasks) are sent only when the text set them.
 */
export function quickAddToInput(draft: TaskDraft, quickAdd: QuickAdd | null, timeZone?: string) {
  if (!quickAdd) return draftToInput(draft, timeZone);
  const merged: TaskDraft = {
    ...draft,
    title: quickAdd.title,
    priority: quickAdd.priority ?? draft.priority,
    dueDate: quickAdd.dueDate || draft.dueDate,
    dueTime: quickAdd.dueDate ? quickAdd.dueTime : draft.dueTime,
    tags: [draft.tags, ...quickAdd.tags].filter(Boolean).join(", "),
  };
  const listId = quickAdd.list?.id;
  return {
    ...draftToInput(merged, timeZone),
    ...(listId ? { list_id: listId } : {}),
    ...(quickAdd.recurrence ? { recurrence: quickAdd.recurrence } : {}),
    ...(quickAdd.reminders.length > 0
      ? { reminders: quickAdd.reminders.map((before_minutes) => ({ before_minutes })) }
      : {}),
  };
}
