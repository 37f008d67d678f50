"use client";

import { clsx } from "clsx";
import { useEffect, useState } from "react";
import { importOrReload } from "@/lib/new-build-reload";
import type { PasswordStrength } from "@/lib/password-strength";

let estimator: Promise<typeof import("@/lib/password-strength")> | undefined;

/** zxcvbn and the common-password list load on first use, not with the page (about 400 kB). */
function loadPasswordStrength() {
  estimator ??= importOrReload(() => import("@/lib/password-strength"));
  return estimator;
}

const LEVELS: Record<PasswordStrength, { label: string; bars: number; tone: string }> = {
  "too-common": { label: "Too common: choose another", bars: 1, tone: "bg-danger" },
  "too-short": { label: "Too short", bars: 1, tone: "bg-danger" },
  weak: { label: "Weak", bars: 1, tone: "bg-danger" },
  fair: { label: "Fair", bars: 2, tone: "bg-primary" },
  good: { label: "Good", bars: 3, tone: "bg-success" },
  strong: { label: "Strong", bars: 4, tone: "bg-success" },
};

/**
 * A strength bar and word for a new password, updated as it is typed. For any form that sets a
 * password (sign-up, reset, change); place it in the field's hint so it is announced with it.
 */
export function PasswordStrengthMeter({ password }: { password: string }) {
  const [strength, setStrength] = useState<PasswordStrength | null>(null);

  useEffect(() => {
    if (!password) {
      setStrength(null);
      return;
    }
    let current = true;
    void loadPasswordStrength().then(({ passwordStrength }) => {
      if (current) setStrength(passwordStrength(password));
    });
    return () => {
      current = false;
    };
  }, [password]);

  if (!strength) return null;
  const level = LEVELS[strength];
  return (
    <span className="mt-1 flex items-center gap-2" data-strength={strength}>
      <span className="flex flex-1 gap-1" aria-hidden="true">
        {[1, 2, 3, 4].map((bar) => (
          <span
            key={bar}
            className={clsx(
              "h-1 flex-1 rounded-full",
              bar <= level.bars ? level.tone : "bg-border",
            )}
          />
        ))}
      </span>
      <span>Strength: {level.label}</span>
    </span>
  );
}
