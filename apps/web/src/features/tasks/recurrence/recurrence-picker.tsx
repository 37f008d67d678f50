"use client";

import { upcomingDueDates } from "@todo/contract/occurrences";
import type { Task } from "@todo/contract/task";
import { clsx } from "clsx";
import { type ComponentProps, type ReactNode, useId, useMemo, useState } from "react";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { DAY_NAMES, describeRecurrence, ordinalWord } from "./describe-recurrence";
import {
  buildRule,
  type Frequency,
  isLastWeekdayOfMonth,
  type MonthlyOn,
  type Preset,
  parseRule,
  presetOf,
  presetState,
  type RepeatContext,
  type RepeatEnd,
  type RepeatState,
  WEEKDAYS,
  weekdayOf,
  weekdayOrdinal,
} from "./repeat-rule";

// Loaded when "Repeat" is first opened: the preview runs the API's own recurrence code
// (rrule-temporal and its Temporal polyfill), too heavy for the first load of /tasks.

const PRESET_LABELS: Record<Preset, string> = {
  daily: "Every day",
  weekdays: "Every weekday (Mon–Fri)",
  weekly: "Weekly",
  monthly: "Monthly",
  yearly: "Yearly",
  custom: "Custom…",
};
const UNIT_LABELS: Record<Frequency, string> = {
  DAILY: "days",
  WEEKLY: "weeks",
  MONTHLY: "months",
  YEARLY: "years",
};
const PREVIEW_LENGTH = 5;
const MAX_NUMBER = 999;

export interface RecurrencePickerProps {
  /** The RRULE, or empty for no repeat. */
  rule: string;
  recurrenceFrom: Task["recurrence_from"];
  context: RepeatContext;
  /** The due date as the API will store it (`YYYY-MM-DD` or an instant): the preview's start. */
  dueDate: string;
  onChange: (changes: { rule?: string; recurrenceFrom?: Task["recurrence_from"] }) => void;
}

function monthlyLabel(on: MonthlyOn): string {
  return on.kind === "day"
    ? `On day ${on.day}`
    : `On the ${ordinalWord(on.ordinal)} ${DAY_NAMES[on.weekday][1]}`;
}

/** The monthly choices the due date offers: its day, and its weekday counted from either end. */
function monthlyChoices(current: MonthlyOn, dueDate: string): MonthlyOn[] {
  const weekday = weekdayOf(dueDate);
  const ordinal = weekdayOrdinal(dueDate);
  const choices: MonthlyOn[] = [{ kind: "day", day: Number(dueDate.slice(8, 10)) }];
  if (ordinal <= 4) choices.push({ kind: "weekday", ordinal, weekday });
  if (isLastWeekdayOfMonth(dueDate)) choices.push({ kind: "weekday", ordinal: -1, weekday });
  // A rule read from the task may name another day: it stays a choice.
  const currentLabel = monthlyLabel(current);
  return choices.some((choice) => monthlyLabel(choice) === currentLabel)
    ? choices
    : [current, ...choices];
}

/**
 * A whole number 1–999. The text is the user's while they type (it may be empty for a moment);
 * each valid value is reported, and leaving the field shows the value in force again.
 */
function CountInput({
  value,
  onValue,
  className,
  ...props
}: Omit<ComponentProps<typeof Input>, "value" | "onChange"> & {
  value: number;
  onValue: (value: number) => void;
}) {
  const [text, setText] = useState(String(value));
  return (
    <Input
      {...props}
      type="number"
      inputMode="numeric"
      min={1}
      max={MAX_NUMBER}
      className={clsx("w-20", className)}
      value={text}
      onChange={(event) => {
        setText(event.target.value);
        const next = Number(event.target.value);
        if (event.target.value && Number.isInteger(next) && next >= 1 && next <= MAX_NUMBER) {
          onValue(next);
        }
      }}
      onBlur={() => setText(String(value))}
    />
  );
}

/** An occurrence as people read it, in the task's zone: "Sat 12 Dec 2026, 09:00". */
function formatOccurrence(dueDate: string, timeZone: string): string {
  const allDay = !dueDate.includes("T");
  return new Intl.DateTimeFormat(undefined, {
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    ...(allDay ? { timeZone: "UTC" } : { timeZone, hour: "2-digit", minute: "2-digit" }),
  }).format(new Date(allDay ? `${dueDate}T00:00:00Z` : dueDate));
}

/**
 * Presets, weekdays, the monthly day, an end and where the next occurrence counts from, turned
 * into exactly the RRULE subset of the contract; the rule in words and its next five dates.
 * A rule it cannot express is shown as "Custom rule" and kept as it is until replaced.
 */
export function RecurrencePicker({
  rule,
  recurrenceFrom,
  context,
  dueDate,
  onChange,
}: RecurrencePickerProps) {
  const id = useId();
  // Parsed once: the state keeps what the rule cannot say (a custom choice at an interval of 1).
  const [state, setState] = useState<RepeatState | null>(() =>
    rule ? parseRule(rule, context) : null,
  );
  // The rule last seen: one changed from outside (the form reset after adding) is read again.
  const [seenRule, setSeenRule] = useState(rule);
  if (rule !== seenRule) {
    setSeenRule(rule);
    setState(rule ? parseRule(rule, context) : null);
  }
  const unexpressible = rule !== "" && state === null;

  function update(next: RepeatState | null) {
    const nextRule = next ? buildRule(next, context) : "";
    setState(next);
    setSeenRule(nextRule);
    onChange({ rule: nextRule });
  }
  const change = (changes: Partial<RepeatState>) => state && update({ ...state, ...changes });

  const preview = useMemo(() => {
    if (!rule) return [];
    return upcomingDueDates(
      {
        dueDate,
        timeZone: context.timeZone,
        recurrence: rule.toUpperCase(),
        recurrenceFrom: "due",
      },
      PREVIEW_LENGTH,
    );
  }, [rule, dueDate, context.timeZone]);

  const selected = unexpressible ? "rule" : state ? presetOf(state) : "none";
  const frequency = state?.frequency;

  return (
    <div className="flex flex-col gap-3 rounded-md border border-border p-3">
      <div className="flex flex-wrap items-end gap-3">
        <div className="flex flex-col gap-1.5">
          <Label htmlFor={`${id}-preset`}>Repeats</Label>
          <Select
            id={`${id}-preset`}
            value={selected}
            onChange={(event) => {
              const value = event.target.value as Preset | "none" | "rule";
              if (value === "rule") return;
              update(value === "none" ? null : presetState(value, context, state ?? undefined));
            }}
          >
            <option value="none">Does not repeat</option>
            {Object.entries(PRESET_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
            {unexpressible ? <option value="rule">Custom rule</option> : null}
          </Select>
        </div>
        {state && selected === "custom" ? (
          <fieldset className="flex items-end gap-2">
            <legend className="sr-only">Interval</legend>
            <div className="flex flex-col gap-1.5">
              <Label htmlFor={`${id}-interval`}>Every</Label>
              <CountInput
                id={`${id}-interval`}
                value={state.interval}
                onValue={(interval) => change({ interval })}
              />
            </div>
            <Select
              aria-label="Unit"
              value={state.frequency}
              onChange={(event) => change({ frequency: event.target.value as Frequency })}
            >
              {Object.entries(UNIT_LABELS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </Select>
          </fieldset>
        ) : null}
      </div>

      {state && frequency === "WEEKLY" ? (
        <fieldset className="flex flex-col gap-1.5">
          <legend className="mb-1.5 text-sm font-medium">On</legend>
          <div className="flex flex-wrap gap-1">
            {WEEKDAYS.map((day) => {
              const on = state.weekdays.includes(day);
              return (
                <button
                  key={day}
                  type="button"
                  aria-pressed={on}
                  onClick={() => {
                    // At least one day: the last one cannot be switched off.
                    if (on && state.weekdays.length === 1) return;
                    change({
                      weekdays: on
                        ? state.weekdays.filter((d) => d !== day)
                        : [...state.weekdays, day],
                    });
                  }}
                  className={clsx(
                    "h-9 min-w-11 rounded-md border px-2 text-sm font-medium",
                    "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring",
                    on
                      ? "border-primary bg-primary text-primary-foreground"
                      : "border-border bg-surface text-foreground hover:bg-muted",
                  )}
                >
                  {/* Named "Monday" while showing "Mon", which fits seven to a row at 360 px. */}
                  <span aria-hidden="true">{DAY_NAMES[day][0]}</span>
                  <span className="sr-only">{DAY_NAMES[day][1]}</span>
                </button>
              );
            })}
          </div>
        </fieldset>
      ) : null}

      {state && frequency === "MONTHLY" ? (
        <fieldset className="flex flex-col gap-1.5">
          <legend className="text-sm font-medium">Day of the month</legend>
          {monthlyChoices(state.monthly, context.dueDate).map((on) => {
            const label = monthlyLabel(on);
            return (
              <Radio
                key={label}
                name={`${id}-monthly`}
                checked={monthlyLabel(state.monthly) === label}
                onCheck={() => change({ monthly: on })}
              >
                {label}
              </Radio>
            );
          })}
        </fieldset>
      ) : null}

      {state ? (
        <EndChoice id={id} end={state.end} context={context} onChange={(end) => change({ end })} />
      ) : null}

      {rule ? (
        <fieldset className="flex flex-col gap-1.5">
          <legend className="text-sm font-medium">Next due date counts from</legend>
          {(
            [
              ["due", "The due date (keeps the schedule)"],
              ["completion", "Completion (when it was done)"],
            ] as const
          ).map(([value, label]) => (
            <Radio
              key={value}
              name={`${id}-from`}
              checked={recurrenceFrom === value}
              onCheck={() => onChange({ recurrenceFrom: value })}
            >
              {label}
            </Radio>
          ))}
        </fieldset>
      ) : null}

      {rule ? (
        <div className="flex flex-col gap-1 text-sm" data-testid="recurrence-summary">
          <p aria-live="polite" className="font-medium">
            {describeRecurrence(rule, context.timeZone)}
          </p>
          <p id={`${id}-dates`} className="text-muted-foreground">
            {recurrenceFrom === "completion"
              ? "Next dates, if each is completed on its due date:"
              : "Next dates:"}
          </p>
          <ol aria-labelledby={`${id}-dates`} className="list-inside list-decimal text-foreground">
            {preview.map((date) => (
              <li key={date}>{formatOccurrence(date, context.timeZone)}</li>
            ))}
          </ol>
        </div>
      ) : null}
    </div>
  );
}

function Radio({
  name,
  checked,
  onCheck,
  children,
}: {
  name: string;
  checked: boolean;
  onCheck: () => void;
  children: ReactNode;
}) {
  return (
    <label className="flex items-center gap-2 text-sm">
      <input
        type="radio"
        name={name}
        checked={checked}
        onChange={onCheck}
        className="size-4 accent-primary"
      />
      {children}
    </label>
  );
}

function EndChoice({
  id,
  end,
  context,
  onChange,
}: {
  id: string;
  end: RepeatEnd;
  context: RepeatContext;
  onChange: (end: RepeatEnd) => void;
}) {
  // What was typed for the choices not taken, so switching back and forth keeps it.
  const [count, setCount] = useState(end.kind === "count" ? end.count : 5);
  const [until, setUntil] = useState(end.kind === "until" ? end.date : context.dueDate);
  return (
    <fieldset className="flex flex-col gap-1.5">
      <legend className="text-sm font-medium">Ends</legend>
      <Radio
        name={`${id}-end`}
        checked={end.kind === "never"}
        onCheck={() => onChange({ kind: "never" })}
      >
        Never
      </Radio>
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <Radio
          name={`${id}-end`}
          checked={end.kind === "count"}
          onCheck={() => onChange({ kind: "count", count })}
        >
          After
        </Radio>
        <CountInput
          aria-label="Number of occurrences"
          className="h-8"
          value={count}
          onValue={(next) => {
            setCount(next);
            onChange({ kind: "count", count: next });
          }}
        />
        <span aria-hidden="true">times</span>
      </div>
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <Radio
          name={`${id}-end`}
          checked={end.kind === "until"}
          onCheck={() => onChange({ kind: "until", date: until })}
        >
          On
        </Radio>
        <Input
          type="date"
          aria-label="Last date"
          min={context.dueDate}
          className="h-8 w-auto"
          value={until}
          onChange={(event) => {
            if (!event.target.value) return;
            setUntil(event.target.value);
            onChange({ kind: "until", date: event.target.value });
          }}
        />
      </div>
    </fieldset>
  );
}
