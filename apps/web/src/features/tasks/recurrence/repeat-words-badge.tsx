import { useMemo } from "react";
import { describeRecurrence } from "./describe-recurrence";
import { RepeatBadge } from "./repeat-badge";

/** The row's repeat badge with the rule in words: a part of its own, loaded by recurring rows. */
export function RepeatWordsBadge({ rule, timeZone }: { rule: string; timeZone: string }) {
  // Worked out once per change of the rule, not on every render of the row (the words of an
  // UNTIL rule build a date formatter).
  const words = useMemo(() => describeRecurrence(rule, timeZone), [rule, timeZone]);
  return <RepeatBadge words={words} />;
}
