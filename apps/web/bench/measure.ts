/**
 * `npm run bench -w @todo/web`: first-load JS of /sign-in and /tasks and a Lighthouse run of
 * both, against a production build on a throw-away database. Appends a "Web" section to
 * docs/benchmarks.md (replacing the previous one). A measurement, not a test.
 */
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { createTestDatabase, startTestServer } from "@todo/db/test-database";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";
import { ensureWebBuild, logger, REPO_ROOT } from "../../../scripts/lib/stack";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../e2e/support/chromium";
import { startStack } from "../e2e/support/servers";

const log = logger("bench");
const BENCHMARKS_FILE = join(REPO_ROOT, "docs/benchmarks.md");
/** Measured the same way on this machine: a hello-world Next 16.4 client page. */
const HELLO_WORLD_KB = 135;
const BUDGET_KB = 175;

interface ScriptSize {
  src: string;
  gzipBytes: number;
}

/** The `<script src>` of the page's HTML, `noModule` polyfills left out, each gzipped. */
async function firstLoadJs(url: string, cookie?: string): Promise<ScriptSize[]> {
  const headers: Record<string, string> = cookie ? { cookie } : {};
  const response = await fetch(url, { headers, redirect: "manual" });
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
  const html = await response.text();
  const sources = new Set<string>();
  for (const [tag] of html.matchAll(/<script\b[^>]*>/gi)) {
    if (/\bnomodule\b/i.test(tag)) continue;
    const src = /\bsrc="([^"]+)"/i.exec(tag)?.[1];
    if (src) sources.add(src);
  }
  return Promise.all(
    [...sources].map(async (src) => {
      const body = Buffer.from(await (await fetch(new URL(src, url))).arrayBuffer());
      return { src, gzipBytes: gzipSync(body, { level: 9 }).length };
    }),
  );
}

const kB = (bytes: number) => bytes / 1000;

interface LighthouseScores {
  performance: number;
  accessibility: number;
  bestPractices: number;
  lcpMs: number;
  tbtMs: number;
  cls: number;
  /** Lighthouse's measure of this machine's CPU speed (a fast desktop scores about 2000). */
  benchmarkIndex: number;
}

async function runLighthouse(
  url: string,
  port: number,
  formFactor: "mobile" | "desktop",
  cookie?: string,
): Promise<LighthouseScores> {
  const flags = {
    port,
    output: "json" as const,
    logLevel: "error" as const,
    onlyCategories: ["performance", "accessibility", "best-practices"],
    ...(cookie ? { extraHeaders: { Cookie: cookie } } : {}),
  };
  const result = await lighthouse(url, flags, formFactor === "desktop" ? desktopConfig : undefined);
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
  const { categories, audits } = result.lhr;
  const score = (id: string) => Math.round((categories[id]?.score ?? 0) * 100);
  return {
    performance: score("performance"),
    accessibility: score("accessibility"),
    bestPractices: score("best-practices"),
    lcpMs: Math.round(audits["largest-contentful-paint"]?.numericValue ?? 0),
    tbtMs: Math.round(audits["total-blocking-time"]?.numericValue ?? 0),
    cls: Number((audits["cumulative-layout-shift"]?.numericValue ?? 0).toFixed(3)),
    benchmarkIndex: Math.round(result.lhr.environment.benchmarkIndex),
  };
}

async function signUp(webUrl: string): Promise<string> {
  const response = await fetch(`${webUrl}/api/auth/sign-up/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: webUrl },
    body: JSON.stringify({
      name: "Bench User",
      email: `bench-${randomBytes(4).toString("hex")}@example.test`,
      password: randomBytes(12).toString("hex"),
    }),
  });
  if (!response.ok) throw new Error(`sign-up failed: ${response.status}`);
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");
}

function writeSection(section: string): void {
  const current = existsSync(BENCHMARKS_FILE)
    ? readFileSync(BENCHMARKS_FILE, "utf8")
    : "# Benchmarks\n";
  // Replace our own section only; every other section stays as it is.
  const start = current.search(/^## Web$/m);
  let next = current;
  if (start >= 0) {
    const rest = current.slice(start + 1);
    const end = rest.search(/^## /m);
    next = current.slice(0, start) + (end >= 0 ? rest.slice(end) : "");
  }
  writeFileSync(BENCHMARKS_FILE, `${next.trimEnd()}\n\n${section.trim()}\n`);
}

async function main() {
  const build = await ensureWebBuild(log);
  log(`web build: ${build}`);
  const server = await startTestServer(process.env.TEST_DATABASE_URL);
  const database = await createTestDatabase(server.url);
  const stack = await startStack(
    { databaseUrl: database.url, secret: randomBytes(36).toString("base64url") },
    { name: "bench" },
  );
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM_PATH,
    chromeFlags: CHROMIUM_ARGS,
  });
  try {
    const cookie = await signUp(stack.webUrl);
    // The static landing page is the in-run baseline: framework code and little else.
    const pages = [
      { path: "/", cookie: undefined },
      { path: "/sign-in", cookie: undefined },
      { path: "/tasks", cookie },
    ];
    const rows: string[] = [];
    const lighthouseRows: string[] = [];
    for (const page of pages) {
      const url = `${stack.webUrl}${page.path}`;
      const scripts = await firstLoadJs(url, page.cookie);
      const total = scripts.reduce((sum, script) => sum + script.gzipBytes, 0);
      log(`${page.path}: ${scripts.length} scripts, ${kB(total).toFixed(1)} kB gzip`);
      rows.push(
        `| ${page.path} | ${scripts.length} | ${kB(total).toFixed(1)} | ${(kB(total) - HELLO_WORLD_KB).toFixed(1)} | ${kB(total) <= BUDGET_KB ? "yes" : "**no**"} |`,
      );
      for (const formFactor of ["mobile", "desktop"] as const) {
        // One warm-up load, so the measured run does not pay for the server's first render.
        await fetch(url, { headers: page.cookie ? { cookie: page.cookie } : {} });
        const scores = await runLighthouse(url, chrome.port, formFactor, page.cookie);
        log(`${page.path} (${formFactor}): ${JSON.stringify(scores)}`);
        lighthouseRows.push(
          `| ${page.path} | ${formFactor} | ${scores.performance} | ${scores.accessibility} | ${scores.bestPractices} | ${scores.lcpMs} | ${scores.tbtMs} | ${scores.cls} | ${scores.benchmarkIndex} |`,
        );
      }
    }
    const date = new Date().toISOString().slice(0, 10);
    // Lighthouse's simulated throttling multiplies real CPU time: a busy machine lowers the
    // performance scores of every page alike (compare with the baseline row).
    const load = loadavg()[0]?.toFixed(1);
    writeSection(`## Web

Measured by \`npm run bench -w @todo/web\` on ${date}: production build (\`next start\`), API and a throw-away embedded PostgreSQL on the same 2-core machine, Debian Chromium via Lighthouse 12.2.3 (default mobile emulation with simulated throttling, and the desktop preset).

First-load JS: the \`<script src>\` of the page's HTML (\`noModule\` excluded), each gzipped (level 9). A hello-world Next 16.4 page is ${HELLO_WORLD_KB} kB by this rule; the budget is ${BUDGET_KB} kB.

| page | scripts | gzip kB | over hello-world kB | within ${BUDGET_KB} kB |
|---|---|---|---|---|
${rows.join("\n")}

Lighthouse (targets: performance ≥ 95, accessibility 100; 1-minute load average at the end of the run: ${load} on 2 cores). The static landing page \`/\` is the baseline of the same run: it ships the framework and almost nothing else, so what it loses is the machine's, not the page's.

| page | form factor | performance | accessibility | best practices | LCP ms | TBT ms | CLS | CPU benchmark index |
|---|---|---|---|---|---|---|---|---|
${lighthouseRows.join("\n")}
`);
    log(`written to ${BENCHMARKS_FILE}`);
  } finally {
    chrome.kill();
    await stack.stop();
    await database.drop();
    await server.stop();
  }
}

await main();
