"use client";

import { type FormEvent, useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { LiveFieldset } from "@/components/ui/live-fieldset";
import { describeError } from "@/lib/api-client";
import { useCreateList } from "../api/list-mutations";

/** A name and Add; what was typed stays when the API refuses it. */
export function NewListForm({ userId }: { userId: string }) {
  const createList = useCreateList(userId);
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const id = useId();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!name.trim()) {
      setError("Give the list a name");
      return;
    }
    try {
      await createList.mutateAsync({ name });
      setName("");
      setError(null);
    } catch (failure) {
      setError(describeError(failure));
    }
  }

  return (
    <form noValidate aria-label="New list" onSubmit={submit} className="flex flex-col gap-1">
      <label htmlFor={`${id}-name`} className="sr-only">
        New list name
      </label>
      {/* Served disabled: a name typed before hydration would show but not be sent. */}
      <LiveFieldset className="flex gap-2">
        <Input
          id={`${id}-name`}
          value={name}
          placeholder="New list"
          autoComplete="off"
          dir="auto"
          className="h-8"
          aria-invalid={Boolean(error)}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(event) => setName(event.target.value)}
        />
        <Button
          type="submit"
          size="sm"
          variant="secondary"
          aria-label="Add list"
          disabled={createList.isPending}
        >
          Add
        </Button>
      </LiveFieldset>
      {error ? (
        <p id={`${id}-error`} className="text-sm text-danger">
          {error}
        </p>
      ) : null}
    </form>
  );
}
