"use client";

import type { Task } from "@todo/contract/task";
import { clsx } from "clsx";
import { lazy, Suspense, useId, useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { LineIcon } from "@/components/ui/line-icon";
import { TASK_DRAG_TYPE } from "@/lib/task-drag";
import { useCompletedCheckbox } from "../api/complete-task";
import { describeReminders } from "../quick-add/reminders";
import { RepeatBadge } from "../recurrence/repeat-badge";
import { DueDate } from "./due-date";
import { linkParts } from "./linkify";

// The rule in words loads with the first row of a recurring task, not with every page (ADR
// 0056): the server's HTML keeps the words until then, and a row rendered before names it
// "Repeats".
const RepeatWordsBadge = lazy(() =>
  import("../recurrence/repeat-words-badge").then(({ RepeatWordsBadge }) => ({
    default: RepeatWordsBadge,
  })),
);

// Two inline strokes instead of an icon library, to keep the page's JavaScript small.
const EDIT_ICON = "M4 20h4L19 9l-4-4L4 16v4z";
const BELL_ICON = "M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9M10.3 21a1.94 1.94 0 0 0 3.4 0";
const DELETE_ICON = "M4 7h16M10 11v6M14 11v6M6 7l1 13h10l1-13M9 7V4h6v3";

function IconButton({
  label,
  path,
  onClick,
}: {
  label: string;
  path: string;
  onClick: () => void;
}) {
  return (
    <Button variant="ghost" size="icon" aria-label={label} onClick={onClick}>
      <LineIcon path={path} className="size-4" />
    </Button>
  );
}

interface TaskItemProps {
  task: Task;
  /** Settles once the server has answered (either way). */
  onToggle: (task: Task, completed: boolean) => Promise<void>;
  onEdit: (task: Task) => void;
  onDelete: (task: Task) => void;
  onTagClick: (tag: string) => void;
}

// Past three lines or about as many characters, a description folds behind "Show more".
const FOLDED_LINES = 3;
const FOLDED_CHARACTERS = 180;

function Description({ text }: { text: string }) {
  const [expanded, setExpanded] = useState(false);
  const long = text.length > FOLDED_CHARACTERS || text.split("\n").length > FOLDED_LINES;
  return (
    <>
      <p
        dir="auto"
        className={clsx(
          "text-sm break-words whitespace-pre-line text-muted-foreground",
          long && !expanded && "line-clamp-3",
        )}
      >
        {linkParts(text).map((part, index) =>
          "url" in part ? (
            <a
              // biome-ignore lint/suspicious/noArrayIndexKey: the parts never reorder
              key={index}
              href={part.url}
              target="_blank"
              rel="noopener noreferrer nofollow"
              className="text-primary underline"
            >
              {part.url}
            </a>
          ) : (
            part.text
          ),
        )}
      </p>
      {long ? (
        <button
          type="button"
          aria-expanded={expanded}
          onClick={() => setExpanded((open) => !open)}
          className="self-start rounded-sm text-xs font-medium text-primary hover:underline focus-visible:outline-2 focus-visible:outline-ring"
        >
          {expanded ? "Show less" : "Show more"}
        </button>
      ) : null}
    </>
  );
}

/** Medium is the usual case and goes unmarked; high stands out, low recedes. */
function PriorityBadge({ priority }: { priority: Task["priority"] }) {
  if (priority === "medium") return null;
  return priority === "high" ? (
    <span className="rounded-full border border-danger px-2 py-0.5 font-semibold text-danger">
      High priority
    </span>
  ) : (
    <span className="rounded-full border border-dashed border-border px-2 py-0.5 text-muted-foreground">
      <span aria-hidden="true">↓ </span>Low priority
    </span>
  );
}

export function TaskItem({ task, onToggle, onEdit, onDelete, onTagClick }: TaskItemProps) {
  const titleId = useId();
  const checkbox = useCompletedCheckbox(task, onToggle);
  const reminders = useMemo(
    () => (task.reminders.length > 0 ? `Reminders: ${describeReminders(task.reminders)}` : null),
    [task.reminders],
  );

  return (
    <li
      data-testid="task-item"
      data-task-id={task.id}
      // Focusable by script, for the keyboard shortcuts that move between tasks (j / k).
      tabIndex={-1}
      aria-labelledby={titleId}
      // Dropped on a list in the sidebar, it moves there (lists-nav.tsx); the edit dialog's
      // list select does the same without a pointer.
      draggable
      onDragStart={(event) => {
        event.dataTransfer.setData(TASK_DRAG_TYPE, String(task.id));
        event.dataTransfer.setData("text/plain", task.title);
        event.dataTransfer.effectAllowed = "move";
      }}
      className="task-row"
    >
      <input
        type="checkbox"
        checked={checkbox.checked}
        aria-labelledby={titleId}
        onChange={checkbox.onChange}
        className="task-check"
      />
      <div className="flex min-w-0 flex-1 flex-col gap-1">
        <p
          id={titleId}
          dir="auto"
          className={clsx(
            "font-medium break-words",
            task.completed && "text-muted-foreground line-through",
          )}
        >
          {task.title}
        </p>
        {task.description ? <Description text={task.description} /> : null}
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs">
          <PriorityBadge priority={task.priority} />
          {task.due_date ? <DueDate dueDate={task.due_date} /> : null}
          {task.recurrence ? (
            <Suspense fallback={<RepeatBadge />}>
              <RepeatWordsBadge rule={task.recurrence} timeZone={task.time_zone} />
            </Suspense>
          ) : null}
          {reminders ? (
            <span
              role="img"
              aria-label={reminders}
              title={reminders}
              className="flex items-center gap-0.5 text-muted-foreground"
            >
              <LineIcon path={BELL_ICON} className="size-4 shrink-0" />
              {task.reminders.length > 1 ? (
                <span aria-hidden="true">{task.reminders.length}</span>
              ) : null}
            </span>
          ) : null}
          {task.tags.map((tag) => (
            <button key={tag} type="button" onClick={() => onTagClick(tag)} className="tag-chip">
              <span className="sr-only">Filter by tag </span>#{tag}
            </button>
          ))}
        </div>
      </div>
      <div className="flex shrink-0 gap-1">
        <IconButton label={`Edit “${task.title}”`} onClick={() => onEdit(task)} path={EDIT_ICON} />
        <IconButton
          label={`Delete “${task.title}”`}
          onClick={() => onDelete(task)}
          path={DELETE_ICON}
        />
      </div>
    </li>
  );
}
