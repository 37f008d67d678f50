import type { Task, TaskChanges } from "@todo/contract/task";

export type EditableField = keyof TaskChanges;

/** An edit that overlaps a change made elsewhere since the user last saw the task. */
export class EditConflictError extends Error {
  constructor(
    /** The task as it is now. */
    readonly current: Task,
    /** The fields changed on both sides, to different values. */
    readonly fields: EditableField[],
  ) {
    super("This task was changed elsewhere.");
    this.name = "EditConflictError";
  }
}

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The fields of `changes` that were changed elsewhere between `seen` and `current` to something
 * other than this edit's value. Any other field can be saved on top of `current` as it is.
 */
export function conflictingFields(
  seen: Task,
  current: Task,
  changes: TaskChanges,
): EditableField[] {
  return (Object.keys(changes) as EditableField[]).filter(
    (field) =>
      !sameValue(seen[field], current[field]) && !sameValue(current[field], changes[field]),
  );
}
