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
 * A value changed from outside (back button, a tag clicked) replaces the text, unless the user
 * has typed since the last commit: then what they typed wins and is committed after the pause
 * as usual, since losing keystrokes to a URL change is worse than a filter arriving second.
 * Our own commit coming back through the URL changes nothing, so a slow round trip never
 * overwrites what is being typed either.
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
    const before = committed.current;
    if (value === before) return;
    committed.current = value;
    // Text still equal to the last commit holds nothing typed: it follows the URL.
    setText((current) => (current.trim() === before ? value : current));
  }, [value]);

  useEffect(() => {
    const trimmed = text.trim();
    if (trimmed === committed.current) return;
    const timer = setTimeout(() => {
      // The URL may have come to this text meanwhile (the same tag clicked while typing it).
      if (trimmed === committed.current) return;
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
