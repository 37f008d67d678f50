import { describeError } from "@/lib/api-client";
import { Alert } from "./alert";
import { Button } from "./button";

/** What could not be loaded, why in the user's words, and a button to ask again. */
export function LoadErrorAlert({
  title,
  error,
  onRetry,
  retryLabel = "Try again",
}: {
  title: string;
  error: unknown;
  onRetry: () => void;
  retryLabel?: string;
}) {
  return (
    <Alert
      title={title}
      action={
        <Button variant="secondary" size="sm" onClick={onRetry}>
          {retryLabel}
        </Button>
      }
    >
      {describeError(error)}
    </Alert>
  );
}
