"use client";

import { REMINDER_BEFORE_MAX, REMINDERS_MAX } from "@todo/contract/limits";
import { type KeyboardEvent, useEffect, useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { describeReminder } from "../quick-add/reminders";

const PRESETS = [
  [0, "At the time"],
  [10, "10 min before"],
  [60, "1 hour before"],
  [1440, "1 day before"],
] as const;
const PRESET_MINUTES = new Set<number>(PRESETS.map(([minutes]) => minutes));
const UNIT_MINUTES = { minutes: 1, hours: 60, days: 1440 } as const;
type Unit = keyof typeof UNIT_MINUTES;

/** Why a custom reminder cannot be added, or null with its minutes. */
function customReminder(
  amount: string,
  unit: Unit,
  reminders: number[],
): { minutes: number; error: null } | { minutes: null; error: string } {
  const value = Number(amount);
  if (amount.trim() === "" || !Number.isInteger(value) || value < 0) {
    return { minutes: null, error: "Enter a whole number" };
  }
  const minutes = value * UNIT_MINUTES[unit];
  if (minutes > REMINDER_BEFORE_MAX) return { minutes: null, error: "At most 4 weeks before" };
  if (reminders.includes(minutes)) return { minutes: null, error: "That reminder is already set" };
  if (reminders.length >= REMINDERS_MAX) {
    return { minutes: null, error: `At most ${REMINDERS_MAX} reminders` };
  }
  return { minutes, error: null };
}

interface RemindersEditorProps {
  reminders: number[];
  onChange: (reminders: number[]) => void;
  /** True when the task has a due date to remind of. */
  scheduled: boolean;
  error?: string | undefined;
  disabled?: boolean;
}

/**
 * Up to five distinct reminders: the usual offsets as checkboxes, any other as a removable chip
 * added with "Custom…". Reminders count back from the due date, so they need one.
 */
export function RemindersEditor({
  reminders,
  onChange,
  scheduled,
  error,
  disabled,
}: RemindersEditorProps) {
  const id = useId();
  const [adding, setAdding] = useState(false);
  const [amount, setAmount] = useState("");
  const [unit, setUnit] = useState<Unit>("hours");
  const [customError, setCustomError] = useState<string | null>(null);
  const fieldset = useRef<HTMLFieldSetElement>(null);
  // Closing the custom row removes the control that had the focus: it goes back to "Custom…",
  // or, when that is disabled (five set), to the reminder just added.
  const refocus = useRef<{ added: number | null } | null>(null);
  useEffect(() => {
    const target = refocus.current;
    if (adding || !target) return;
    refocus.current = null;
    const custom = fieldset.current?.querySelector<HTMLButtonElement>("[data-custom-reminder]");
    const added = fieldset.current?.querySelector<HTMLElement>(`[data-reminder="${target.added}"]`);
    (custom && !custom.disabled ? custom : added)?.focus();
  }, [adding]);
  const full = reminders.length >= REMINDERS_MAX;
  const off = disabled || !scheduled;
  const custom = reminders.filter((minutes) => !PRESET_MINUTES.has(minutes));
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;

  const toggle = (minutes: number) =>
    onChange(
      reminders.includes(minutes)
        ? reminders.filter((value) => value !== minutes)
        : [...reminders, minutes],
    );

  function addCustom() {
    const result = customReminder(amount, unit, reminders);
    setCustomError(result.error);
    if (result.minutes === null) return;
    onChange([...reminders, result.minutes]);
    setAmount("");
    closeCustom(result.minutes);
  }

  function closeCustom(added: number | null) {
    refocus.current = { added };
    setAdding(false);
  }

  // Enter adds the reminder instead of submitting the whole task form.
  function onAmountKey(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key !== "Enter") return;
    event.preventDefault();
    addCustom();
  }

  let hint: string;
  if (!scheduled) {
    hint = reminders.length
      ? "Without a due date there is nothing to remind of: saving now drops the reminders. Set a date to keep them."
      : "Add a due date to set reminders.";
  } else {
    hint = `${reminders.length} of ${REMINDERS_MAX}${full ? ": remove one to add another" : ""}`;
  }

  return (
    <fieldset
      ref={fieldset}
      aria-describedby={[hintId, error && errorId].filter(Boolean).join(" ")}
      className="flex min-w-0 flex-col gap-2"
    >
      <legend className="mb-1.5 text-sm font-medium text-foreground">Reminders</legend>
      <div className="flex flex-wrap gap-2">
        {PRESETS.map(([minutes, label]) => {
          const checked = reminders.includes(minutes);
          return (
            <label
              key={minutes}
              className="flex items-center gap-2 rounded-full border border-border px-3 py-1 text-sm has-[:checked]:border-primary has-[:disabled]:opacity-60"
            >
              <input
                type="checkbox"
                data-reminder={minutes}
                checked={checked}
                disabled={off || (full && !checked)}
                onChange={() => toggle(minutes)}
                className="size-4 accent-primary"
              />
              {label}
            </label>
          );
        })}
        {custom.map((minutes) => (
          <span
            key={minutes}
            className="flex items-center gap-1 rounded-full border border-primary py-0.5 pr-1 pl-3 text-sm"
          >
            {describeReminder(minutes)}
            <button
              type="button"
              data-reminder={minutes}
              aria-label={`Remove the reminder ${describeReminder(minutes)}`}
              disabled={disabled}
              onClick={() => toggle(minutes)}
              className="flex size-6 items-center justify-center rounded-full hover:bg-muted focus-visible:outline-2 focus-visible:outline-ring"
            >
              <span aria-hidden="true">×</span>
            </button>
          </span>
        ))}
        {adding ? null : (
          <Button
            size="sm"
            variant="secondary"
            data-custom-reminder
            disabled={off || full}
            onClick={() => {
              setCustomError(null);
              setAdding(true);
            }}
          >
            Custom…
          </Button>
        )}
      </div>
      {adding && scheduled ? (
        <div className="flex flex-wrap items-center gap-2">
          <Input
            autoFocus
            type="number"
            inputMode="numeric"
            min={0}
            aria-label="Custom reminder: how long before"
            aria-invalid={Boolean(customError)}
            aria-describedby={customError ? `${id}-custom-error` : undefined}
            className="h-8 w-20"
            value={amount}
            onChange={(event) => setAmount(event.target.value)}
            onKeyDown={onAmountKey}
          />
          <Select
            aria-label="Custom reminder: unit"
            className="h-8"
            value={unit}
            onChange={(event) => setUnit(event.target.value as Unit)}
          >
            <option value="minutes">minutes before</option>
            <option value="hours">hours before</option>
            <option value="days">days before</option>
          </Select>
          <Button size="sm" onClick={addCustom}>
            Add reminder
          </Button>
          {/* Named apart from the dialog's own Cancel, which drops the whole edit. */}
          <Button
            size="sm"
            variant="ghost"
            aria-label="Cancel the custom reminder"
            onClick={() => closeCustom(null)}
          >
            Cancel
          </Button>
          {customError ? (
            <p id={`${id}-custom-error`} role="alert" className="basis-full text-sm text-danger">
              {customError}
            </p>
          ) : null}
        </div>
      ) : null}
      <p id={hintId} className="text-xs text-muted-foreground">
        {hint}
      </p>
      {error ? (
        <p id={errorId} className="text-sm text-danger">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
