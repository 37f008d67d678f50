import { type FormEvent, useState } from "react";
import type { z } from "zod";
import { ApiError, describeError } from "@/lib/api-client";
import { importOrReload } from "@/lib/new-build-reload";
import {
  draftErrors,
  draftToInput,
  type TaskDraft,
  type TaskFieldErrors,
  type TaskFieldName,
  toFieldErrors,
} from "./task-draft";

interface UseTaskFormOptions<Schema extends z.ZodType> {
  initial: TaskDraft;
  /**
   * Loads a contract schema, so the form accepts exactly what the API would. Loaded on submit:
   * zod is the largest library the page uses and is not needed to show it.
   */
  loadSchema: () => Promise<Schema>;
  /**
   * What the schema checks and `submit` gets: by default every field of the draft. Null when
   * there is nothing to send; the form then succeeds without a request.
   */
  toInput?: (draft: TaskDraft) => unknown;
  submit: (input: z.output<Schema>) => Promise<unknown>;
  /** Gets the draft that was sent: the user may have typed on while it was being saved. */
  onSuccess: (submitted: TaskDraft) => void;
  /** Takes a failure the form shows in a way of its own; true when it did. */
  onFailure?: (error: unknown) => boolean;
}

/**
 * Inputs whose text the browser could not turn into a value (a date typed halfway): their value
 * reads as empty, so without this the form would save "no due date" and drop what was typed.
 */
function incompleteInputs(form: HTMLFormElement): TaskFieldErrors {
  const errors: TaskFieldErrors = {};
  for (const input of form.querySelectorAll("input")) {
    if (input.validity.badInput && input.name) {
      errors[input.name as TaskFieldName] ??= "Finish the date and time, or clear them";
    }
  }
  return errors;
}

/**
 * zod's JIT compiler tries `new Function` when the first schema is built: the page's CSP (no
 * 'unsafe-eval') refuses it, zod falls back, but the browser reports a violation. So it is
 * switched off before the contract's schemas are built.
 */
const loadJitlessZod = () => import("zod").then(({ config }) => config({ jitless: true }));

/**
 * Draft state, client-side validation with the contract schema, and the API's refusal mapped
 * back onto the fields (422) or onto the form (anything else). The draft is kept on failure.
 */
export function useTaskForm<Schema extends z.ZodType>({
  initial,
  loadSchema,
  toInput = draftToInput,
  submit,
  onSuccess,
  onFailure,
}: UseTaskFormOptions<Schema>) {
  const [draft, setDraft] = useState(initial);
  const [errors, setErrors] = useState<TaskFieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  function change(changes: Partial<TaskDraft>) {
    setDraft((current) => ({ ...current, ...changes }));
  }

  /** Validates and sends the draft as it is now; `form` lets it see inputs the draft cannot. */
  async function save(form?: HTMLFormElement) {
    setFormError(null);
    const refused = { ...(form ? incompleteInputs(form) : {}), ...draftErrors(draft) };
    if (Object.keys(refused).length > 0) {
      setErrors(refused);
      return;
    }
    const input = toInput(draft);
    if (input === null) {
      setErrors({});
      onSuccess(draft);
      return;
    }
    setSubmitting(true);
    try {
      // Both load on the first submit: after a redeploy their chunks are gone (ADR 0050).
      await importOrReload(loadJitlessZod);
      const schema = await importOrReload(loadSchema);
      const parsed = schema.safeParse(input);
      if (!parsed.success) {
        setErrors(toFieldErrors(parsed.error.issues));
        return;
      }
      setErrors({});
      await submit(parsed.data);
      onSuccess(draft);
    } catch (error) {
      if (onFailure?.(error)) return;
      if (error instanceof ApiError && error.fieldErrors.length > 0) {
        setErrors(toFieldErrors(error.fieldErrors));
      } else {
        setFormError(describeError(error));
      }
    } finally {
      setSubmitting(false);
    }
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void save(event.currentTarget);
  }

  return { draft, setDraft, change, errors, formError, submitting, handleSubmit, save };
}
