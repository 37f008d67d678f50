"use client";

import { lazy, Suspense, useId, useState } from "react";
import { LineIcon } from "@/components/ui/line-icon";
import { Spinner } from "@/components/ui/spinner";
import { dueDateInput, type TaskDraft, type TaskFieldErrors } from "../hooks/task-draft";
import { describeRecurrence } from "./describe-recurrence";
import { REPEAT_ICON } from "./repeat-icon";

// The picker and its preview (the API's recurrence code) load when "Repeat" is first opened.
const RecurrencePicker = lazy(() =>
  import("./recurrence-picker").then(({ RecurrencePicker }) => ({ default: RecurrencePicker })),
);

interface RepeatFieldProps {
  draft: TaskDraft;
  errors: TaskFieldErrors;
  onChange: (changes: Partial<TaskDraft>) => void;
  /** The zone the task's dates and its repeat are understood in. */
  timeZone: string;
  disabled?: boolean;
}

/**
 * "Repeat: Every 2 weeks on Mon and Thu", one line that opens the picker. A repeat needs a due
 * date: without one the control is disabled and says why, and a repeat set before the date
 * was cleared is announced as dropped on save (it stays in the draft should the date return).
 */
export function RepeatField({ draft, errors, onChange, timeZone, disabled }: RepeatFieldProps) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const scheduled = draft.dueDate !== "";
  const summary = draft.recurrence
    ? describeRecurrence(draft.recurrence, timeZone)
    : "Does not repeat";
  const dueDate = dueDateInput(draft);
  const noteId = `${id}-note`;
  const errorId = `${id}-error`;

  return (
    <div className="flex flex-col gap-1.5">
      <button
        type="button"
        aria-expanded={scheduled && open}
        aria-controls={`${id}-picker`}
        aria-describedby={
          [!scheduled && noteId, errors.recurrence && errorId].filter(Boolean).join(" ") ||
          undefined
        }
        disabled={disabled || !scheduled}
        onClick={() => setOpen((current) => !current)}
        className="flex items-center gap-2 self-start rounded-md text-sm font-medium text-foreground hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring disabled:cursor-not-allowed disabled:text-muted-foreground disabled:no-underline"
      >
        <LineIcon path={REPEAT_ICON} className="size-4 shrink-0" />
        <span>
          Repeat: <span className="font-normal">{summary}</span>
        </span>
        <span aria-hidden="true">{scheduled && open ? "▴" : "▾"}</span>
      </button>
      {scheduled ? null : (
        <p id={noteId} role="status" className="text-xs text-muted-foreground">
          {draft.recurrence
            ? "Without a due date the task will not repeat: saving now drops the repeat. Set a date to keep it."
            : "Add a due date to repeat this task."}
        </p>
      )}
      {errors.recurrence ? (
        <p id={errorId} className="text-sm text-danger">
          {errors.recurrence}
        </p>
      ) : null}
      <div id={`${id}-picker`} hidden={!scheduled || !open}>
        {scheduled && open && dueDate ? (
          <Suspense fallback={<Spinner label="Loading the repeat options" />}>
            <RecurrencePicker
              rule={draft.recurrence}
              recurrenceFrom={draft.recurrenceFrom}
              context={{ dueDate: draft.dueDate, allDay: !draft.dueTime, timeZone }}
              dueDate={dueDate}
              onChange={({ rule, recurrenceFrom }) =>
                onChange({
                  ...(rule === undefined ? {} : { recurrence: rule }),
                  ...(recurrenceFrom ? { recurrenceFrom } : {}),
                })
              }
            />
          </Suspense>
        ) : null}
      </div>
    </div>
  );
}
