"use client";

import { type RefObject, useEffect, useRef, useState } from "react";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";

const DEBOUNCE_MS = 300;

interface DebouncedTextFieldProps {
  label: string;
  value: string;
  onCommit: (value: string) => void;
  placeholder?: string;
  type?: "search" | "text";
  /** Named for screen readers only, where the placeholder already says what the field is. */
  hideLabel?: boolean;
  inputRef?: RefObject<HTMLInputElement | null>;
}

/**
 * Typing stays local and is committed after a pause, so the list is not refetched per keystroke.
 * A value changed from outside (back button) replaces the text; our own commit coming back
 * through the URL does not, so a slow round trip never overwrites what is being typed.
 */
export function DebouncedTextField({
  label,
  value,
  onCommit,
  placeholder,
  type = "text",
  hideLabel = false,
  inputRef,
}: DebouncedTextFieldProps) {
  const [text, setText] = useState(value);
  const committed = useRef(value);

  useEffect(() => {
    if (value === committed.current) return;
    committed.current = value;
    setText(value);
  }, [value]);

  useEffect(() => {
    const trimmed = text.trim();
    if (trimmed === committed.current) return;
    const timer = setTimeout(() => {
      committed.current = trimmed;
      onCommit(trimmed);
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, onCommit]);

  return (
    <FormField
      label={hideLabel ? <span className="sr-only">{label}</span> : label}
      className={hideLabel ? "flex flex-col" : undefined}
    >
      {(control) => (
        <Input
          {...control}
          ref={inputRef}
          type={type}
          value={text}
          placeholder={placeholder}
          onChange={(event) => setText(event.target.value)}
        />
      )}
    </FormField>
  );
}
