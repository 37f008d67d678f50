"use client";

import type { Task } from "@todo/contract/task";
import { clsx } from "clsx";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { PRIORITY_LABELS } from "../api/task-filters";
import { DueDate, isOverdue } from "./due-date";

// Two inline strokes instead of an icon library, to keep the page's JavaScript small.
const EDIT_ICON = "M4 20h4L19 9l-4-4L4 16v4z";
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
      <svg
        aria-hidden="true"
        viewBox="0 0 24 24"
        className="size-4"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
      >
        <path d={path} />
      </svg>
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

export function TaskItem({ task, onToggle, onEdit, onDelete, onTagClick }: TaskItemProps) {
  const titleId = useId();
  // The box flips within the click itself; the cache's optimistic update only lands after
  // in-flight refetches are cancelled, a beat later.
  const [pendingCompleted, setPendingCompleted] = useState<boolean | null>(null);
  const completed = pendingCompleted ?? task.completed;
  const overdue = isOverdue(task);

  return (
    <li
      data-testid="task-item"
      className="flex items-start gap-3 rounded-lg border border-border bg-surface p-3 sm:p-4"
    >
      <input
        type="checkbox"
        checked={completed}
        aria-labelledby={titleId}
        onChange={() => {
          setPendingCompleted(!completed);
          void onToggle(task, !completed).finally(() => setPendingCompleted(null));
        }}
        className="mt-0.5 size-5 shrink-0 cursor-pointer accent-primary focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring"
      />
      <div className="flex min-w-0 flex-1 flex-col gap-1">
        <p
          id={titleId}
          className={clsx(
            "font-medium break-words",
            task.completed && "text-muted-foreground line-through",
          )}
        >
          {task.title}
        </p>
        {task.description ? (
          <p className="line-clamp-3 text-sm break-words whitespace-pre-line text-muted-foreground">
            {task.description}
          </p>
        ) : null}
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs">
          <span
            className={clsx(
              "rounded-full border px-2 py-0.5 font-medium",
              task.priority === "high"
                ? "border-danger text-danger"
                : "border-border text-muted-foreground",
            )}
          >
            {PRIORITY_LABELS[task.priority]} priority
          </span>
          {task.due_date ? (
            <span className={overdue ? "font-semibold text-danger" : "text-muted-foreground"}>
              {overdue ? "Overdue · " : "Due "}
              <DueDate dueDate={task.due_date} />
            </span>
          ) : null}
          {task.tags.map((tag) => (
            <button
              key={tag}
              type="button"
              onClick={() => onTagClick(tag)}
              className="rounded-full bg-muted px-2 py-0.5 text-foreground hover:underline focus-visible:outline-2 focus-visible:outline-ring"
            >
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
