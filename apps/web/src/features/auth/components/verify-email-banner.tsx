import { ResendVerification } from "@/components/resend-verification";

/** Shown to a signed-in user whose address is not confirmed yet (verification not required). */
export function VerifyEmailBanner({ email }: { email: string }) {
  return (
    <section aria-label="Email confirmation" className="border-b border-border bg-muted">
      {/* Kept to a few lines: on a phone it sits above the tasks. */}
      <div className="mx-auto flex w-full max-w-3xl flex-wrap items-center gap-x-3 gap-y-1 px-4 py-2 text-sm sm:px-6">
        <p>
          Please confirm your email: open the link we sent to{" "}
          <span className="font-medium break-all">{email}</span>.
        </p>
        <ResendVerification email={email} />
      </div>
    </section>
  );
}
