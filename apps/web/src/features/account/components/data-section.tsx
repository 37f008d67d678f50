"use client";

import { type ChangeEvent, useId, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ApiError, describeError } from "@/lib/api-client";
import { useApiClient } from "@/lib/api-client-context";
import {
  describeImportError,
  type ImportPreview,
  importExport,
  previewImport,
} from "../api/user-data";
import { ExportButtons } from "./export-buttons";
import { SettingsSection } from "./settings-section";

/** Past this many, the errors of a file are summed up rather than listed. */
const ERRORS_SHOWN = 50;

type ImportState =
  | { step: "idle" }
  | { step: "preview"; fileName: string; preview: ImportPreview }
  | { step: "importing"; fileName: string; preview: ImportPreview }
  | { step: "done"; lists: number; tasks: number }
  | { step: "failed"; message: string; errors: string[] };

const plural = (count: number, word: string) =>
  `${count.toLocaleString("en")} ${word}${count === 1 ? "" : "s"}`;

/** "Your data": download the exports; import one (preview first, then all or nothing). */
export function DataSection({ userId }: { userId: string }) {
  const client = useApiClient();
  const fileInput = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const [state, setState] = useState<ImportState>({ step: "idle" });

  async function onFileChosen(event: ChangeEvent<HTMLInputElement>) {
    const file = event.currentTarget.files?.[0];
    if (!file) return;
    const read = previewImport(await file.text());
    setState(
      "error" in read
        ? { step: "failed", message: read.error, errors: [] }
        : { step: "preview", fileName: file.name, preview: read },
    );
  }

  function reset() {
    setState({ step: "idle" });
    if (fileInput.current) fileInput.current.value = "";
  }

  async function runImport() {
    if (state.step !== "preview") return;
    setState({ ...state, step: "importing" });
    try {
      const result = await importExport(client, userId, state.preview.document);
      setState({ step: "done", ...result });
    } catch (error) {
      const errors = error instanceof ApiError ? error.fieldErrors.map(describeImportError) : [];
      setState({
        step: "failed",
        message:
          errors.length > 0
            ? "Nothing was imported: the file has errors."
            : `Nothing was imported. ${describeError(error)}`,
        errors,
      });
    }
    if (fileInput.current) fileInput.current.value = "";
  }

  return (
    <SettingsSection
      title="Your data"
      description="Download every list and task, or add the lists and tasks of an export to this account."
    >
      <ExportButtons userId={userId} />
      <div className="flex flex-col gap-2">
        <label htmlFor={inputId} className="text-sm font-medium">
          Import a JSON export
        </label>
        <input
          ref={fileInput}
          id={inputId}
          type="file"
          accept=".json,application/json"
          onChange={onFileChosen}
          className="text-sm file:mr-3 file:rounded-md file:border file:border-border file:bg-surface file:px-3 file:py-1.5"
        />
        <p className="text-xs text-muted-foreground">
          At most 5 MiB and 10,000 tasks. Everything is imported, or nothing if anything is wrong.
        </p>
      </div>
      {state.step === "preview" || state.step === "importing" ? (
        <div className="flex flex-col gap-3 rounded-md border border-border p-4">
          <p className="text-sm">
            <span className="font-medium">{state.fileName}</span> holds{" "}
            {plural(state.preview.lists, "list")} and {plural(state.preview.tasks, "task")}.
          </p>
          {state.preview.titles.length > 0 ? (
            <ul aria-label="First tasks in the file" className="list-disc pl-5 text-sm">
              {state.preview.titles.map((title, index) => (
                // The same title may appear twice; the place in the file tells them apart.
                // biome-ignore lint/suspicious/noArrayIndexKey: a fixed preview, never reordered
                <li key={index}>{title}</li>
              ))}
            </ul>
          ) : null}
          <div className="flex flex-wrap gap-3">
            <Button onClick={runImport} disabled={state.step === "importing"}>
              {state.step === "importing" ? "Importing…" : "Import"}
            </Button>
            <Button variant="ghost" onClick={reset} disabled={state.step === "importing"}>
              Cancel
            </Button>
          </div>
        </div>
      ) : null}
      {state.step === "failed" ? (
        <Alert title={state.message}>
          {state.errors.length > 0 ? (
            <ul className="list-disc pl-5">
              {state.errors.slice(0, ERRORS_SHOWN).map((error, index) => (
                // One field may fail twice with the same words.
                // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list, never reordered
                <li key={index}>{error}</li>
              ))}
              {state.errors.length > ERRORS_SHOWN ? (
                <li>…and {plural(state.errors.length - ERRORS_SHOWN, "more error")}.</li>
              ) : null}
            </ul>
          ) : null}
        </Alert>
      ) : null}
      <p role="status" className="text-sm text-success">
        {state.step === "done"
          ? `Imported ${plural(state.lists, "list")} and ${plural(state.tasks, "task")}.`
          : ""}
      </p>
    </SettingsSection>
  );
}
