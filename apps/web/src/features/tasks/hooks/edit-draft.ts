import type { Task } from "@todo/contract/task";
import { draftFromTask, draftToInput, dueInputs, type TaskDraft } from "./task-draft";

// An edit's changes, for the edit dialog alone: out of the first load, which has the add form's
// drafts only.

type TaskInput = ReturnType<typeof draftToInput>;

/** Which input fields each draft field feeds; a due date travels with the zone it was typed in. */
const INPUT_FIELDS: Record<keyof TaskDraft, (keyof TaskInput)[]> = {
  title: ["title"],
  description: ["description"],
  priority: ["priority"],
  dueDate: ["due_date", "time_zone"],
  dueTime: ["due_date", "time_zone"],
  tags: ["tags"],
  listId: ["list_id"],
  // Clearing the due date clears these on the server too (it refuses them without one).
  recurrence: ["recurrence"],
  recurrenceFrom: ["recurrence_from"],
  reminders: ["reminders"],
};

/** True when the draft's due date and time are the task's: it keeps its zone then. */
export function dueUnchanged(task: Task, draft: TaskDraft): boolean {
  const before = dueInputs(task.due_date);
  return before.dueDate === draft.dueDate && before.dueTime === draft.dueTime;
}

/** Only the fields the user changed from `task`: an edit sends these and leaves the rest alone. */
export function changedInput(task: Task, draft: TaskDraft, timeZone?: string): Partial<TaskInput> {
  const before = draftFromTask(task);
  const input = draftToInput(draft, timeZone);
  const changed: Partial<TaskInput> = {};
  const unscheduled = !draft.dueDate && before.dueDate;
  for (const [field, inputFields] of Object.entries(INPUT_FIELDS)) {
    const name = field as keyof TaskDraft;
    const cleared = unscheduled && (name === "recurrence" || name === "reminders");
    // Reminders are an array: compared by value.
    if (!cleared && String(draft[name]) === String(before[name])) continue;
    for (const inputField of inputFields)
      Object.assign(changed, { [inputField]: input[inputField] });
  }
  return changed;
}
