import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ALL_VARIABLES, apiEnvSchema, launcherEnvSchema, webEnvSchema } from "../src/env";

const REPO_ROOT = new URL("../../../", import.meta.url);
const read = (file: string) => readFileSync(new URL(file, REPO_ROOT), "utf8");

/** `NAME=value` lines of .env.example, commented out or not. */
function exampleAssignments(): Record<string, string> {
  const lines = read(".env.example").split("\n");
  return Object.fromEntries(
    lines.flatMap((line) => {
      const match = /^#? ?([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
      return match ? [[match[1], match[2]]] : [];
    }),
  );
}

describe("the configuration schema", () => {
  it(".env.example lists every variable of the web app, the API and the launcher, and no other", () => {
    expect(Object.keys(exampleAssignments()).sort()).toEqual(ALL_VARIABLES);
  });

  it("accepts every example value of .env.example", () => {
    const example = exampleAssignments();
    for (const schema of [webEnvSchema, apiEnvSchema, launcherEnvSchema]) {
      const result = schema.safeParse(example);
      expect(result.error?.issues ?? []).toEqual([]);
    }
  });

  it("the README's configuration table documents every variable, and no other", () => {
    const documented = [...read("README.md").matchAll(/^\| `([A-Z][A-Z0-9_]*)` +\|/gm)].map(
      (match) => match[1],
    );
    expect(documented.sort()).toEqual(ALL_VARIABLES);
  });
});
