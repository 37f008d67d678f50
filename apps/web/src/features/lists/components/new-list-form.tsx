"use client";

import { type FormEvent, useState } from "react";
import { describeError } from "@/lib/api-client";
import { useCreateList } from "../api/list-mutations";
import { NewListFields } from "./new-list-fields";

/** A name and Add; what was typed stays when the API refuses it. */
export function NewListForm({ userId }: { userId: string }) {
  const createList = useCreateList(userId);
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!name.trim()) {
      setError("Give the list a name");
      return;
    }
    try {
      await createList.mutateAsync({ name });
      // Only the name sent: one typed while it was saved (the next list's) stays.
      setName((current) => (current === name ? "" : current));
      setError(null);
    } catch (failure) {
      setError(describeError(failure));
    }
  }

  return (
    <NewListFields
      name={name}
      error={error}
      pending={createList.isPending}
      onNameChange={setName}
      onSubmit={submit}
    />
  );
}
