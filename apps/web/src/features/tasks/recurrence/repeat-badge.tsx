import { LineIcon } from "@/components/ui/line-icon";
import { REPEAT_ICON } from "./repeat-icon";

/** A recurring task's mark on its row: named by the rule in words, "Repeats" until they load. */
export function RepeatBadge({ words }: { words?: string }) {
  return (
    <span
      role="img"
      aria-label={words ? `Repeats: ${words}` : "Repeats"}
      title={words}
      className="text-muted-foreground"
    >
      <LineIcon path={REPEAT_ICON} className="size-4 shrink-0" />
    </span>
  );
}
