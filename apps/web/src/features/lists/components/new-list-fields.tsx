import { type FormEvent, useId } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { LiveFieldset } from "@/components/ui/live-fieldset";

interface NewListFieldsProps {
  /** What is typed; the stand-in leaves it to the (disabled) field. */
  name?: string;
  error?: string | null;
  pending?: boolean;
  /** The sidebar's stand-in: disabled until the live form takes its place, so nothing typed is lost. */
  disabled?: boolean;
  onNameChange?: (name: string) => void;
  onSubmit?: (event: FormEvent<HTMLFormElement>) => void;
}

/** The new-list form as it shows: new-list-form.tsx makes it work, lists-nav-stand-in.tsx shows it disabled. */
export function NewListFields({
  name,
  error,
  pending = false,
  disabled = false,
  onNameChange,
  onSubmit,
}: NewListFieldsProps) {
  const id = useId();
  return (
    <form noValidate aria-label="New list" onSubmit={onSubmit} className="flex flex-col gap-1">
      <label htmlFor={`${id}-name`} className="sr-only">
        New list name
      </label>
      {/* Served disabled: a name typed before hydration would show but not be sent. */}
      <LiveFieldset className="flex gap-2" disabled={disabled}>
        <Input
          id={`${id}-name`}
          value={name}
          placeholder="New list"
          autoComplete="off"
          dir="auto"
          className="h-8"
          aria-invalid={Boolean(error)}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={onNameChange && ((event) => onNameChange(event.target.value))}
        />
        <Button
          type="submit"
          size="sm"
          variant="secondary"
          aria-label="Add list"
          disabled={pending}
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
