"use client";

import { useId } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { authErrorMessage, authRequest } from "@/lib/auth-request";
import type { SessionSummary } from "../api/load-account";
import { revokeSession } from "../api/revoke-session";
import { useAccountAction } from "../hooks/use-account-action";
import { LocalTime } from "./local-time";
import { SettingsSection } from "./settings-section";

function deviceName({ browser, os }: SessionSummary): string {
  if (browser && os) return `${browser} on ${os}`;
  return browser ?? os ?? "Unknown device";
}

/** Where the account is signed in; any other session can be ended from here. */
export function SessionsSection({ sessions }: { sessions: SessionSummary[] }) {
  const { pending, error, run } = useAccountAction();
  const others = sessions.filter((session) => !session.current).length;

  const endSession = (id: string) => run(async () => (await revokeSession(id)).error);

  const endOthers = () =>
    run(async () => {
      const { error } = await authRequest("/revoke-other-sessions", {});
      return error ? authErrorMessage(error) : null;
    });

  return (
    <SettingsSection
      title="Sessions"
      description="The browsers and devices signed in to your account."
    >
      {error ? <Alert>{error}</Alert> : null}
      <ul className="flex flex-col divide-y divide-border" aria-label="Signed-in sessions">
        {sessions.map((session) => (
          <SessionItem
            key={session.id}
            session={session}
            disabled={pending}
            onEnd={() => void endSession(session.id)}
          />
        ))}
      </ul>
      <div>
        <Button
          variant="secondary"
          disabled={pending || others === 0}
          onClick={() => void endOthers()}
        >
          Sign out everywhere else
        </Button>
      </div>
    </SettingsSection>
  );
}

function SessionItem({
  session,
  disabled,
  onEnd,
}: {
  session: SessionSummary;
  disabled: boolean;
  onEnd: () => void;
}) {
  const descriptionId = useId();
  return (
    <li
      data-testid="session"
      className="flex flex-wrap items-center justify-between gap-3 py-3 first:pt-0 last:pb-0"
    >
      <div id={descriptionId} className="flex min-w-0 flex-col gap-0.5">
        <p className="flex flex-wrap items-center gap-2 font-medium">
          {deviceName(session)}
          {session.current ? (
            <span className="rounded-full bg-muted px-2 py-0.5 text-xs font-medium">
              This device
            </span>
          ) : null}
        </p>
        <p className="text-sm text-muted-foreground">
          {session.ipAddress ? `IP ${session.ipAddress}` : "IP unknown"} · Signed in{" "}
          <LocalTime iso={session.createdAt} /> · Last active{" "}
          <LocalTime iso={session.lastActiveAt} />
        </p>
      </div>
      {session.current ? null : (
        <Button
          variant="secondary"
          size="sm"
          disabled={disabled}
          onClick={onEnd}
          aria-describedby={descriptionId}
        >
          End session
        </Button>
      )}
    </li>
  );
}
