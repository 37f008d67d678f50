"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";

/** Ten single-use codes, shown once: to copy or to download as a text file. */
export function BackupCodes({ codes }: { codes: string[] }) {
  const [copied, setCopied] = useState<boolean | null>(null);
  const text = `Todo backup codes (each works once)\n\n${codes.join("\n")}\n`;

  function download() {
    const url = URL.createObjectURL(new Blob([text], { type: "text/plain" }));
    const link = Object.assign(document.createElement("a"), {
      href: url,
      download: "todo-backup-codes.txt",
    });
    link.click();
    URL.revokeObjectURL(url);
  }

  return (
    <div className="flex flex-col gap-3">
      <p className="text-sm">
        Keep these backup codes somewhere safe. If you lose your authenticator app, each one lets
        you sign in once. They will not be shown again.
      </p>
      <ul
        aria-label="Backup codes"
        className="grid grid-cols-2 gap-2 rounded-md bg-muted p-3 font-mono text-sm"
      >
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
      <div className="flex flex-wrap items-center gap-3">
        <Button
          variant="secondary"
          onClick={() =>
            void navigator.clipboard.writeText(text).then(
              () => setCopied(true),
              () => setCopied(false),
            )
          }
        >
          Copy codes
        </Button>
        <Button variant="secondary" onClick={download}>
          Download
        </Button>
        <p role="status" className="text-sm">
          {copied === null ? "" : copied ? "Copied." : "Copying is blocked here: download them."}
        </p>
      </div>
    </div>
  );
}
