"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { importOrReload } from "@/lib/new-build-reload";
import { tooManyRequestsMessage } from "@/lib/too-many-requests";

/**
 * "Email me a new link": asks Better Auth for another verification email. The answer is the
 * same whether or not the address has an unverified account.
 */
export function ResendVerification({
  email,
  label = "Email me a new link",
}: {
  email: string;
  label?: string;
}) {
  const [pending, setPending] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);

  async function resend() {
    setPending(true);
    // Loaded on the click: the button sits in the /tasks banner, whose first load stays lean.
    const { authError, postAuth, SERVER_FAILURE_MESSAGE, UNREACHABLE_MESSAGE } =
      await importOrReload(() => import("@/lib/auth-forms"));
    const response = await postAuth("send-verification-email", { email });
    if (!response) setResult({ ok: false, message: UNREACHABLE_MESSAGE });
    else if (response.ok) setResult({ ok: true, message: `We sent a new link to ${email}.` });
    else if ((await authError(response)).code === "EMAIL_ALREADY_VERIFIED") {
      setResult({ ok: true, message: "Your email address is already confirmed." });
    } else {
      const message = tooManyRequestsMessage(response) ?? SERVER_FAILURE_MESSAGE;
      setResult({ ok: false, message });
    }
    setPending(false);
  }

  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
      <Button type="button" variant="secondary" size="sm" disabled={pending} onClick={resend}>
        {pending ? "Sending…" : label}
      </Button>
      <p role="status" className={result?.ok === false ? "text-sm text-danger" : "text-sm"}>
        {result?.message}
      </p>
    </div>
  );
}
