"use client";

import { clsx } from "clsx";
import { dueLabel } from "@/lib/due-label";
import { PRIORITY_LABELS } from "../api/task-filters";
import { describeRecurrence } from "../recurrence/describe-recurrence";
import type { QuickAdd, QuickAddPartKind } from "./parse-quick-add";
import { describeReminder } from "./reminders";

/** One colour per kind of part, the same in the input's highlight and in the preview. */
export const PART_CLASSES: Record<QuickAddPartKind, string> = {
  date: "bg-sky-500/20",
  recurrence: "bg-violet-500/20",
  tag: "bg-emerald-500/20",
  priority: "bg-rose-500/20",
  list: "bg-amber-500/25",
  reminder: "bg-teal-500/20",
};

/** What quick add understood, as words: colour only repeats it. */
function previewItems(
  quickAdd: QuickAdd,
): { kind: QuickAddPartKind; label: string; value: string }[] {
  const items: { kind: QuickAddPartKind; label: string; value: string }[] = [];
  if (quickAdd.dueDate) {
    const due = quickAdd.dueTime
      ? new Date(`${quickAdd.dueDate}T${quickAdd.dueTime}`).toISOString()
      : quickAdd.dueDate;
    items.push({ kind: "date", label: "Due", value: dueLabel(due).text });
  }
  if (quickAdd.recurrence) {
    items.push({
      kind: "recurrence",
      label: "Repeats",
      value: describeRecurrence(quickAdd.recurrence),
    });
  }
  if (quickAdd.tags.length > 0) {
    items.push({ kind: "tag", label: "Tags", value: quickAdd.tags.map((t) => `#${t}`).join(" ") });
  }
  if (quickAdd.priority) {
    items.push({ kind: "priority", label: "Priority", value: PRIORITY_LABELS[quickAdd.priority] });
  }
  if (quickAdd.list) {
    items.push({
      kind: "list",
      label: "List",
      value:
        quickAdd.list.id === null
          ? `${quickAdd.list.name} (no list of that name: goes to the Inbox)`
          : quickAdd.list.name,
    });
  }
  if (quickAdd.reminders.length > 0) {
    items.push({
      kind: "reminder",
      label: quickAdd.reminders.length > 1 ? "Reminders" : "Reminder",
      value: quickAdd.reminders.map(describeReminder).join(", "),
    });
  }
  return items;
}

/** The parts of a quick add, listed under the input and read with it (aria-describedby). */
export function QuickAddPreview({ id, quickAdd }: { id: string; quickAdd: QuickAdd | null }) {
  const items = quickAdd ? previewItems(quickAdd) : [];
  if (items.length === 0) return <p id={id} hidden />;
  return (
    <p id={id} className="flex flex-wrap gap-1.5 text-xs" data-testid="quick-add-preview">
      {items.map(({ kind, label, value }) => (
        <span
          key={kind}
          className={clsx("rounded px-1.5 py-0.5 text-foreground", PART_CLASSES[kind])}
        >
          {label}: {value}
        </span>
      ))}
    </p>
  );
}

/**
 * The typed text again, behind the transparent input, with the recognised parts marked. Only
 * the marks show (the text is transparent), so the input's own text stays crisp and editable.
 * Nothing to mark, nothing drawn.
 */
export function QuickAddHighlight({
  text,
  quickAdd,
  scrollLeft,
}: {
  text: string;
  quickAdd: QuickAdd | null;
  scrollLeft: number;
}) {
  const runs: { start: number; text: string; kind?: QuickAddPartKind }[] = [];
  let at = 0;
  for (const part of quickAdd?.parts ?? []) {
    if (part.start > at) runs.push({ start: at, text: text.slice(at, part.start) });
    runs.push({ start: part.start, text: text.slice(part.start, part.end), kind: part.kind });
    at = part.end;
  }
  if (runs.length === 0) return null;
  runs.push({ start: at, text: text.slice(at) });
  return (
    <div
      aria-hidden="true"
      className="pointer-events-none absolute inset-0 overflow-hidden rounded-md border border-transparent px-3 text-sm leading-[2.375rem] whitespace-pre text-transparent"
    >
      <div dir="auto" style={{ transform: `translateX(${-scrollLeft}px)` }}>
        {runs.map((run) => (
          // The text is drawn by CSS from an attribute, so it is no second copy of the title
          // for text searches (find in page, tests) to land on.
          <span
            key={run.start}
            data-part={run.kind}
            data-text={run.text}
            className={clsx(
              "before:content-[attr(data-text)]",
              run.kind && ["rounded-sm", PART_CLASSES[run.kind]],
            )}
          />
        ))}
      </div>
    </div>
  );
}
