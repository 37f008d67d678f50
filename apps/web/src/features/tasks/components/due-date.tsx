"use client";

import { dueLabel, formatDueDate } from "@/lib/due-label";
import { useHydrated } from "@/lib/use-hydrated";

/**
 * "Today", "Friday", "3 days overdue": relative to the browser's today, in its language and
 * time zone, which the server does not know. The HTML it renders leaves the text out, and
 * hydration fills it in (re-rendering only this). The full date is the element's tooltip.
 */
export function DueDate({ dueDate }: { dueDate: string }) {
  const hydrated = useHydrated();
  if (!hydrated) return <time dateTime={dueDate} />;
  const label = dueLabel(dueDate);
  return (
    <time
      dateTime={dueDate}
      title={formatDueDate(dueDate)}
      className={label.overdue ? "font-semibold text-danger" : "text-muted-foreground"}
    >
      {label.phrase}
    </time>
  );
}
