import { type FormEvent, useState } from "react";
import type { z } from "zod";
import { ApiError, describeError } from "@/lib/api-client";
import {
  draftToInput,
  type TaskDraft,
  type TaskFieldErrors,
  toFieldErrors,
} from "../components/task-fields";

interface UseTaskFormOptions<Schema extends z.ZodType> {
  initial: TaskDraft;
  /**
   * Loads a contract schema, so the form accepts exactly what the API would. Loaded on submit:
   * zod is the largest library the page uses and is not needed to show it.
   */
  loadSchema: () => Promise<Schema>;
  submit: (input: z.output<Schema>) => Promise<unknown>;
  /** Gets the draft that was sent: the user may have typed on while it was being saved. */
  onSuccess: (submitted: TaskDraft) => void;
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
  submit,
  onSuccess,
}: UseTaskFormOptions<Schema>) {
  const [draft, setDraft] = useState(initial);
  const [errors, setErrors] = useState<TaskFieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  function change(changes: Partial<TaskDraft>) {
    setDraft((current) => ({ ...current, ...changes }));
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    setSubmitting(true);
    try {
      await loadJitlessZod();
      const schema = await loadSchema();
      const parsed = schema.safeParse(draftToInput(draft));
      if (!parsed.success) {
        setErrors(toFieldErrors(parsed.error.issues));
        return;
      }
      setErrors({});
      await submit(parsed.data);
      onSuccess(draft);
    } catch (error) {
      if (error instanceof ApiError && error.fieldErrors.length > 0) {
        setErrors(toFieldErrors(error.fieldErrors));
      } else {
        setFormError(describeError(error));
      }
    } finally {
      setSubmitting(false);
    }
  }

  return { draft, setDraft, change, errors, formError, submitting, handleSubmit };
}
