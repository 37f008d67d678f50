/**
 * The dependency rules of the architecture are lint rules (biome.json: `noRestrictedImports` per
 * folder, `noImportCycles`). These cases lint small files laid out like the repository with the
 * repository's own configuration, so a rule that stops firing, or fires on allowed code, fails.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { BIN, REPO_ROOT } from "@todo/stack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/** Each file of the fixture tree, and the rule it must break (none: it must pass). */
const FIXTURES: Array<{ path: string; source: string; breaks?: string }> = [
  {
    path: "packages/contract/src/uses-db.ts",
    source: 'import { tasks } from "@todo/db/schema";\nexport const table = tasks;\n',
    breaks: "noRestrictedImports",
  },
  {
    path: "packages/db/src/serves-http.ts",
    source: 'import Fastify from "fastify";\nexport const server = Fastify;\n',
    breaks: "noRestrictedImports",
  },
  {
    path: "apps/api/src/routes/uses-web.ts",
    source: 'import { env } from "../../../web/src/lib/env";\nexport const web = env;\n',
    breaks: "noRestrictedImports",
  },
  {
    path: "apps/web/src/lib/uses-api.ts",
    source: 'import { buildApp } from "@todo/api/app";\nexport const api = buildApp;\n',
    breaks: "noRestrictedImports",
  },
  {
    path: "apps/web/e2e/uses-api-source.ts",
    source: 'import { buildApp } from "../../api/src/app";\nexport const api = buildApp;\n',
    breaks: "noRestrictedImports",
  },
  {
    path: "apps/web/src/lib/uses-feature.ts",
    source:
      'import { listTasks } from "@/features/tasks/api/list-tasks";\nexport const list = listTasks;\n',
    breaks: "noRestrictedImports",
  },
  {
    path: "apps/web/src/features/tasks/components/uses-other-feature.tsx",
    source: 'import { x } from "../../lists/api/x";\nexport const y = x;\n',
    breaks: "noRestrictedImports",
  },
  {
    path: "apps/web/src/features/tasks/components/uses-other-feature-by-alias.tsx",
    source: 'import { x } from "@/features/lists/api/x";\nexport const y = x;\n',
    breaks: "noRestrictedImports",
  },
  {
    path: "apps/web/src/features/tasks/components/uses-app.tsx",
    source: 'import Page from "@/app/tasks/page";\nexport const y = Page;\n',
    breaks: "noRestrictedImports",
  },
  {
    path: "apps/web/src/features/tasks/components/within-feature.tsx",
    source: [
      'import { x } from "../api/x";',
      'import { cn } from "@/lib/cn";',
      'import { Button } from "../../../components/ui/button";',
      "export const y = [x, cn, Button];",
      "",
    ].join("\n"),
  },
  {
    path: "apps/web/src/app/tasks/composes-features.tsx",
    source: 'import { x } from "@/features/lists/api/x";\nexport const y = x;\n',
  },
  {
    path: "apps/api/src/auth/cycle-a.ts",
    source: 'import { b } from "./cycle-b";\nexport const a = () => b;\n',
    breaks: "noImportCycles",
  },
  {
    path: "apps/api/src/auth/cycle-b.ts",
    source: 'import type { a } from "./cycle-a";\nexport const b: typeof a | null = null;\n',
    breaks: "noImportCycles",
  },
];

let dir: string;
let findings: Map<string, Set<string>>;
let exitCode: number | null;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "lint-rules-"));
  const config = JSON.parse(readFileSync(join(REPO_ROOT, "biome.json"), "utf8"));
  // The same rules; only what ties the configuration to the checkout is left out.
  delete config.$schema;
  config.vcs = { enabled: false };
  writeFileSync(join(dir, "biome.json"), JSON.stringify(config));
  for (const { path, source } of FIXTURES) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), source);
  }
  const lint = spawnSync(BIN("biome"), ["lint", "--reporter=github", "--max-diagnostics=none"], {
    cwd: dir,
    encoding: "utf8",
  });
  exitCode = lint.status;
  findings = new Map();
  for (const match of lint.stdout.matchAll(/title=lint\/\w+\/(\w+),file=([^,]+),/g)) {
    const [, rule = "", file = ""] = match;
    const path = file.startsWith(dir) ? file.slice(dir.length + 1) : file;
    findings.set(path, (findings.get(path) ?? new Set()).add(rule));
  }
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("npm run lint", () => {
  it("fails when any file breaks a dependency rule", () => {
    expect(exitCode).not.toBe(0);
  });

  for (const { path, breaks } of FIXTURES) {
    it(`${breaks ? `reports ${breaks} in` : "accepts"} ${path}`, () => {
      expect([...(findings.get(path) ?? [])]).toEqual(breaks ? [breaks] : []);
    });
  }
});
