"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { AuthError } from "@/lib/auth-request";
import { importOrReload } from "@/lib/new-build-reload";

function failureMessage(error: AuthError): string {
  if (error.code === "PASSKEY_CEREMONY_CANCELLED") {
    return "Signing in with a passkey was cancelled.";
  }
  if (error.code === "PASSKEY_NOT_FOUND") {
    return "This passkey is not linked to an account here. Sign in with your password.";
  }
  if (error.status === 429) return "Too many attempts. Please wait a minute and try again.";
  return "Signing in with a passkey didn't work. Try again, or use your password.";
}

/** Signing in with a passkey instead of email and password (WebAuthn, Better Auth's plugin). */
export function PasskeySignIn({ next }: { next: string }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function signIn() {
    setPending(true);
    setError(null);
    try {
      if (typeof window.PublicKeyCredential === "undefined") {
        setError("This browser does not support passkeys.");
      } else {
        // Loaded on demand: the sign-in page itself does not need the WebAuthn code.
        const { signInWithPasskey } = await importOrReload(() => import("@/lib/passkeys"));
        const { error } = await signInWithPasskey();
        if (!error) {
          router.replace(next);
          return;
        }
        setError(failureMessage(error));
      }
    } catch {
      setError("Can't reach the server. Check your connection and try again.");
    }
    setPending(false);
  }

  return (
    <div className="flex flex-col gap-3">
      {error ? <Alert>{error}</Alert> : null}
      <Button
        variant="secondary"
        className="w-full"
        disabled={pending}
        onClick={() => void signIn()}
      >
        {pending ? "Waiting for your passkey…" : "Use a passkey"}
      </Button>
    </div>
  );
}
