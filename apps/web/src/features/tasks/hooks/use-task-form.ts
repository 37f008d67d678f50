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
  /** A contract schema: the form accepts exactly what the API would. */
  schema: Schema;
  submit: (input: z.output<Schema>) => Promise<unknown>;
  onSuccess: () => void;
}

/**
 * Draft state, client-side validation with the contract schema, and the API's refusal mapped
 * back onto the fields (422) or onto the form (anything else). The draft is kept on failure.
 */
export function useTaskForm<Schema extends z.ZodType>({
  initial,
  schema,
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
    const parsed = schema.safeParse(draftToInput(draft));
    if (!parsed.success) {
      setErrors(toFieldErrors(parsed.error.issues));
      return;
    }
    setErrors({});
    setSubmitting(true);
    try {
      await submit(parsed.data);
      onSuccess();
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
