import { ResendVerification } from "@/components/resend-verification";

/** Shown to a signed-in user whose address is not confirmed yet (verification not required). */
export function VerifyEmailBanner({ email }: { email: string }) {
  return (
    <section aria-label="Email confirmation" className="border-b border-border bg-muted">
      <div className="mx-auto flex w-full max-w-3xl flex-col gap-2 px-4 py-3 text-sm sm:px-6">
        <p>
          Please confirm your email address: open the link we sent to{" "}
          <span className="font-medium break-all">{email}</span>.
        </p>
        <ResendVerification email={email} />
      </div>
    </section>
  );
}
