"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { describeError } from "@/lib/api-client";
import { useApiClient } from "@/lib/api-client-context";
import { downloadExport, type ExportFormat } from "../api/user-data";

/** Downloads of every list and task: the whole export (JSON) or the tasks as a spreadsheet (CSV). */
export function ExportButtons({ userId }: { userId: string }) {
  const client = useApiClient();
  const [pending, setPending] = useState<ExportFormat | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function download(format: ExportFormat) {
    setPending(format);
    setError(null);
    try {
      await downloadExport(client, userId, format);
    } catch (failure) {
      setError(`The export could not be downloaded. ${describeError(failure)}`);
    } finally {
      setPending(null);
    }
  }

  return (
    <div className="flex flex-col gap-3">
      {error ? <Alert>{error}</Alert> : null}
      <div className="flex flex-wrap gap-3">
        <Button variant="secondary" disabled={pending !== null} onClick={() => download("json")}>
          {pending === "json" ? "Preparing…" : "Download JSON"}
        </Button>
        <Button variant="secondary" disabled={pending !== null} onClick={() => download("csv")}>
          {pending === "csv" ? "Preparing…" : "Download CSV"}
        </Button>
      </div>
    </div>
  );
}
