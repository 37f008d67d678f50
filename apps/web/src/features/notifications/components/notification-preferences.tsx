"use client";

import { type ChangeEvent, useId, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { LoadErrorAlert } from "@/components/ui/load-error-alert";
import { describeError } from "@/lib/api-client";
import { useNotificationSettings, useUpdateEmailReminders } from "../api/notification-settings";
import { usePushSubscription } from "../hooks/use-push-subscription";
import { BrowserPermission } from "./browser-permission";

const checkboxClassName = "mt-0.5 size-4 shrink-0 accent-primary";

function Subheading({ children }: { children: string }) {
  return <h3 className="text-sm font-semibold">{children}</h3>;
}

function PushToggle({ userId, publicKey }: { userId: string; publicKey: string | null }) {
  const id = useId();
  const push = usePushSubscription(userId, publicKey);
  if (!push.supported) {
    return <p className="text-sm">This browser can't receive pushed notifications.</p>;
  }
  if (!publicKey) {
    return <p className="text-sm">Push notifications aren't set up on this server.</p>;
  }
  return (
    <div className="flex flex-col gap-2">
      <div className="flex items-start gap-2">
        <input
          id={id}
          type="checkbox"
          className={checkboxClassName}
          checked={push.enabled === true}
          disabled={push.enabled === null || push.pending}
          onChange={(event: ChangeEvent<HTMLInputElement>) =>
            void push.change(event.currentTarget.checked)
          }
        />
        <label htmlFor={id} className="text-sm">
          Push notifications on this device
          <span className="block text-muted-foreground">
            Reminders arrive even when no tab of the app is open.
          </span>
        </label>
      </div>
      {push.error ? <Alert title="Couldn't change push notifications">{push.error}</Alert> : null}
    </div>
  );
}

/** The body of the settings page's "Notifications" section. */
export function NotificationPreferences({ userId }: { userId: string }) {
  const emailId = useId();
  const settings = useNotificationSettings(userId);
  const email = useUpdateEmailReminders(userId);
  // What was clicked, until the save settles. Set in the click itself: the mutation's pending
  // state reaches React only a tick later (TanStack Query notifies on a timer), and meanwhile
  // React would put the controlled box back to the saved value, undoing the click on screen.
  const [asked, setAsked] = useState<boolean | null>(null);

  return (
    <div className="flex flex-col gap-5">
      <div className="flex flex-col gap-2">
        <Subheading>Browser notifications</Subheading>
        <BrowserPermission />
      </div>
      {settings.error ? (
        <LoadErrorAlert
          title="Couldn't load your notification settings"
          error={settings.error}
          onRetry={() => void settings.refetch()}
        />
      ) : !settings.data ? (
        <p className="text-sm text-muted-foreground">Loading…</p>
      ) : (
        <>
          <div className="flex flex-col gap-2">
            <Subheading>Push</Subheading>
            <PushToggle userId={userId} publicKey={settings.data.push_public_key} />
          </div>
          <div className="flex flex-col gap-2">
            <Subheading>Email</Subheading>
            <div className="flex items-start gap-2">
              <input
                id={emailId}
                type="checkbox"
                className={checkboxClassName}
                // While saving, the box shows what was asked for; a refusal puts it back.
                checked={asked ?? settings.data.email}
                disabled={asked !== null}
                onChange={(event) => {
                  const checked = event.currentTarget.checked;
                  setAsked(checked);
                  email.mutate(checked, { onSettled: () => setAsked(null) });
                }}
              />
              <label htmlFor={emailId} className="text-sm">
                Email me reminders
              </label>
            </div>
            {email.error ? (
              <Alert title="Couldn't save the email setting">{describeError(email.error)}</Alert>
            ) : null}
            <p role="status" className="text-sm text-success">
              {email.isSuccess ? "Saved." : ""}
            </p>
          </div>
        </>
      )}
    </div>
  );
}
