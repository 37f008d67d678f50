"use client";

import { TITLE_MAX } from "@todo/contract/limits";
import { lazy, type RefObject, Suspense, useId, useMemo, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { LineIcon } from "@/components/ui/line-icon";
import { showToast } from "@/components/ui/toaster";
import { useLists } from "@/lib/use-lists";
import { useCreateTask } from "../api/create-task";
import { draftFromTask } from "../hooks/task-draft";
import { useSavedDraft } from "../hooks/use-saved-draft";
import { useTaskForm } from "../hooks/use-task-form";
import { useTasksScope } from "../hooks/use-tasks-scope";
import { quickAddToInput } from "../quick-add/quick-add-input";
import { useQuickAddParser } from "../quick-add/use-quick-add";
import { characterCount } from "./character-count";

const EMPTY_DRAFT = draftFromTask();

// What only typing or unfolding shows loads then, not with the page: the preview of what quick
// add understood (with the words for recurrences and reminders) and the folded-away fields.
const QuickAddPreview = lazy(() =>
  import("../quick-add/quick-add-preview").then(({ QuickAddPreview }) => ({
    default: QuickAddPreview,
  })),
);
const QuickAddHighlight = lazy(() =>
  import("../quick-add/quick-add-preview").then(({ QuickAddHighlight }) => ({
    default: QuickAddHighlight,
  })),
);
const TaskDetailFields = lazy(() =>
  import("./task-fields").then(({ TaskDetailFields }) => ({ default: TaskDetailFields })),
);

/**
 * Quick add: one line that understands dates, recurrence, #tags, !priority, @list and reminders
 * ("Pay rent tomorrow 9am every month #home !high @Bills remind 1h"), shows what it understood
 * as it is typed, and folds the other fields away so the tasks stay in view on a phone.
 * `titleRef` lets the page's shortcut focus it.
 */
export function AddTaskForm({
  titleRef,
  listId,
}: {
  titleRef: RefObject<HTMLInputElement | null>;
  /** The list of the view the form sits in, where new tasks go unless told otherwise. */
  listId: number | null;
}) {
  const createTask = useCreateTask();
  const { userId } = useTasksScope();
  const lists = useLists(userId);
  const parser = useQuickAddParser();
  const parse = parser && ((text: string) => parser(text, { lists }));
  const emptyDraft = useMemo(
    () => (listId === null ? EMPTY_DRAFT : { ...EMPTY_DRAFT, listId: String(listId) }),
    [listId],
  );
  const [expanded, setExpanded] = useState(false);
  const [scrollLeft, setScrollLeft] = useState(0);
  const id = useId();
  const form = useTaskForm({
    initial: emptyDraft,
    loadSchema: () => import("@todo/contract/task").then((contract) => contract.createTaskSchema),
    toInput: (draft) => quickAddToInput(draft, parse?.(draft.title) ?? null),
    submit: createTask,
    onSuccess: (submitted) => {
      // Clear only what was saved: text typed while the request ran is kept.
      form.setDraft((current) => (current === submitted ? emptyDraft : current));
      setExpanded(false);
      setScrollLeft(0);
      showToast("success", "Task added", { duration: 2000 });
      titleRef.current?.focus();
    },
  });
  // Survives the trip to sign-in and back when the session ends (see session-ended-notice.tsx).
  useSavedDraft(`todo:new-task-draft:${userId}`, form.draft, emptyDraft, form.setDraft);
  const text = form.draft.title;
  const quickAdd = parse && text.trim() ? parse(text) : null;
  const titleErrorId = `${id}-title-error`;
  const titleCountId = `${id}-title-count`;
  const previewId = `${id}-preview`;
  const titleCount = characterCount(quickAdd?.title ?? text, TITLE_MAX);
  // A refused detail field must be visible, or its error could not be read or fixed.
  const showDetails = expanded || Object.keys(form.errors).some((field) => field !== "title");

  return (
    <form
      aria-label="Add a task"
      noValidate
      onSubmit={form.handleSubmit}
      className="flex flex-col gap-2 rounded-lg border border-border bg-surface p-3"
    >
      <Label htmlFor={`${id}-title`} className="sr-only">
        New task
      </Label>
      <div className="flex gap-2">
        <div className="relative min-w-0 flex-1 rounded-md bg-surface">
          {quickAdd ? (
            <Suspense fallback={null}>
              <QuickAddHighlight text={text} quickAdd={quickAdd} scrollLeft={scrollLeft} />
            </Suspense>
          ) : null}
          <Input
            ref={titleRef}
            id={`${id}-title`}
            value={text}
            placeholder="Add a task: “Pay rent tomorrow 9am #home !high”"
            autoComplete="off"
            dir="auto"
            className="relative bg-transparent!"
            aria-invalid={Boolean(form.errors.title)}
            aria-describedby={
              [previewId, titleCount && titleCountId, form.errors.title && titleErrorId]
                .filter(Boolean)
                .join(" ") || undefined
            }
            onChange={(event) => {
              form.change({ title: event.target.value });
              setScrollLeft(event.target.scrollLeft);
            }}
            onScroll={(event) => setScrollLeft(event.currentTarget.scrollLeft)}
          />
        </div>
        <Button
          variant="ghost"
          size="icon"
          aria-label={showDetails ? "Fewer options" : "More options"}
          aria-expanded={showDetails}
          aria-controls={`${id}-details`}
          onClick={() => setExpanded((open) => !open)}
        >
          {/* Sliders: the fields folded away. */}
          <LineIcon path="M4 6h10M18 6h2M4 12h4M12 12h8M4 18h12M20 18h0M16 4v4M10 10v4M18 16v4" />
        </Button>
        <Button type="submit" disabled={form.submitting}>
          {form.submitting ? "Adding…" : "Add"}
        </Button>
      </div>
      {quickAdd ? (
        <Suspense fallback={<p id={previewId} hidden />}>
          <QuickAddPreview id={previewId} quickAdd={quickAdd} />
        </Suspense>
      ) : (
        <p id={previewId} hidden />
      )}
      {titleCount ? (
        <p id={titleCountId} className="text-xs text-muted-foreground">
          {titleCount}
        </p>
      ) : null}
      {form.errors.title ? (
        <p id={titleErrorId} className="text-sm text-danger">
          {form.errors.title}
        </p>
      ) : null}
      <div id={`${id}-details`} hidden={!showDetails} className="flex flex-col gap-4">
        {showDetails ? (
          <Suspense fallback={null}>
            <TaskDetailFields draft={form.draft} errors={form.errors} onChange={form.change} />
          </Suspense>
        ) : null}
      </div>
      {form.formError ? <Alert title="Couldn't add the task">{form.formError}</Alert> : null}
    </form>
  );
}
