import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { chmodSync, existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { freePort } from "@todo/db/embedded";
import { REPO_ROOT } from "@todo/stack";
import { chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../apps/web/e2e/support/chromium";

/** `npm start` as a real process with only `env`; resolves with its exit code and output. */
async function launch(env: Record<string, string>) {
  const child = spawn(process.execPath, ["scripts/dist/start.js"], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  for (const stream of [child.stdout, child.stderr])
    stream.on("data", (chunk) => (output += chunk));
  const [code] = await once(child, "exit");
  return { code, output };
}

/** What the development defaults leave in .data/: the embedded cluster and generated secrets. */
function developmentDefaults() {
  return ["pg", "pg-password", "better-auth-secret"].map((name) => {
    const file = join(REPO_ROOT, ".data", name);
    return existsSync(file) ? `${name} changed ${statSync(file).mtimeMs}` : `${name} absent`;
  });
}

describe("npm start with NODE_ENV=production", () => {
  it("refuses to start without BETTER_AUTH_SECRET and DATABASE_URL, naming both, touching nothing in .data/", async () => {
    const before = developmentDefaults();
    const { code, output } = await launch({ NODE_ENV: "production", EMBEDDED_PG_PORT: "1" });
    expect(code).not.toBe(0);
    expect(output).toContain("NODE_ENV=production needs BETTER_AUTH_SECRET and DATABASE_URL");
    expect(developmentDefaults()).toEqual(before);
  });

  it("refuses a secret of 32 identical characters, saying why", async () => {
    const { code, output } = await launch({
      NODE_ENV: "production",
      DATABASE_URL: "postgres://nobody@127.0.0.1:1/none",
      BETTER_AUTH_SECRET: "a".repeat(32),
    });
    expect(code).not.toBe(0);
    expect(output).toContain("BETTER_AUTH_SECRET is too predictable");
  });
});

/** `npm start` in its own process group, as a terminal runs it, on free ports and its own cluster. */
async function launchStack() {
  const dataRoot = mkdtempSync(join(tmpdir(), "todo-start-"));
  // Started by root, PostgreSQL runs as the `postgres` user, which must enter the folder.
  chmodSync(dataRoot, 0o755);
  const [port, apiPort, databasePort] = await Promise.all([freePort(), freePort(), freePort()]);
  const child = spawn("npm", ["start"], {
    cwd: REPO_ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PORT: String(port),
      API_PORT: String(apiPort),
      EMBEDDED_PG_PORT: String(databasePort),
      EMBEDDED_PG_DATA_DIR: join(dataRoot, "pg"),
      BETTER_AUTH_SECRET: randomBytes(48).toString("base64"),
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const lines: string[] = [];
  for (const stream of [child.stdout, child.stderr])
    createInterface({ input: stream }).on("line", (line) => lines.push(line));
  const exited = once(child, "exit").then(([code]) => code as number | null);
  return {
    lines,
    exited,
    webUrl: `http://127.0.0.1:${port}`,
    /** The web app's own origin (BETTER_AUTH_URL), where a browser signs in. */
    browserUrl: `http://localhost:${port}`,
    apiUrl: `http://127.0.0.1:${apiPort}`,
    /** What a Ctrl-C in the terminal does: the signal to every process of the group. */
    signalGroup: (signal: NodeJS.Signals) => process.kill(-(child.pid as number), signal),
    remove: () => rmSync(dataRoot, { recursive: true, force: true }),
  };
}

async function status(url: string): Promise<number | string> {
  try {
    const response = await fetch(url, { redirect: "manual" });
    await response.body?.cancel();
    return response.status;
  } catch (error) {
    return (error as Error).message;
  }
}

/** The pid the launcher last reported for `name` ("api started (pid 123)"). */
function lastPid(lines: string[], name: string): number | undefined {
  const pattern = new RegExp(`\\[start\\] ${name} (?:re)?started \\(pid (\\d+)\\)`);
  const pids = lines.flatMap((line) => pattern.exec(line)?.[1] ?? []);
  return pids.length > 0 ? Number(pids.at(-1)) : undefined;
}

describe("npm start keeps the stack up", () => {
  let stack: Awaited<ReturnType<typeof launchStack>>;

  /**
   * Kills the API (again, once it is back) until the launcher announces a restart delay of at
   * least `seconds`: its backoff grows with each quick exit, and an outage of a second or two
   * could end before a browser on a busy machine has sent its request. Returns the last pid.
   */
  async function killApiUntilRestartWaits(seconds: number): Promise<number> {
    for (;;) {
      const pid = lastPid(stack.lines, "api") as number;
      const seen = stack.lines.length;
      process.kill(pid, "SIGKILL");
      let delay = 0;
      await vi.waitFor(
        () => {
          const line = stack.lines.slice(seen).find((l) => /^\[start\] api exited /.test(l));
          delay = Number(/restarting it in ([\d.]+) s$/.exec(line ?? "")?.[1]);
          expect(delay).toBeGreaterThan(0);
        },
        { timeout: 10_000 },
      );
      if (delay >= seconds) return pid;
      await vi.waitFor(
        async () => {
          expect(lastPid(stack.lines, "api")).not.toBe(pid);
          expect(await status(`${stack.apiUrl}/readyz`)).toBe(200);
        },
        { timeout: 60_000, interval: 250 },
      );
    }
  }

  beforeAll(async () => {
    stack = await launchStack();
    // The first start may build the web app (minutes); later ones reuse the build.
    await vi.waitFor(
      () => expect(stack.lines.some((line) => line.startsWith("Ready: "))).toBe(true),
      { timeout: 600_000, interval: 200 },
    );
  }, 610_000);
  afterAll(async () => {
    if (stack) {
      if ((await Promise.race([stack.exited, "running"])) === "running") {
        stack.signalGroup("SIGTERM");
        await stack.exited;
      }
      stack.remove();
    }
  });

  it("restarts a killed API, saying so, while the web app keeps serving", async () => {
    const killed = lastPid(stack.lines, "api");
    expect(killed).toBeDefined();
    process.kill(killed as number, "SIGKILL");
    await vi.waitFor(
      () => expect(stack.lines).toContain("[start] api exited (SIGKILL); restarting it in 1 s"),
      { timeout: 10_000 },
    );
    expect(await status(`${stack.webUrl}/`)).toBe(200);
    await vi.waitFor(
      async () => {
        expect(lastPid(stack.lines, "api")).not.toBe(killed);
        expect(await status(`${stack.apiUrl}/readyz`)).toBe(200);
      },
      { timeout: 60_000, interval: 250 },
    );
    expect(stack.lines.some((line) => /^\[start\] api restarted \(pid \d+\)$/.test(line))).toBe(
      true,
    );
  });

  it("in a browser: the board says it cannot reach the API, keeps what was typed, and recovers once the launcher has restarted it", async () => {
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    try {
      const context = await browser.newContext({ baseURL: stack.browserUrl });
      const signUp = await context.request.post("/api/auth/sign-up/email", {
        headers: { origin: stack.browserUrl },
        data: {
          name: "Outage",
          email: `outage-${randomBytes(4).toString("hex")}@example.test`,
          password: randomBytes(12).toString("hex"),
        },
      });
      expect(signUp.status()).toBe(200);
      const page = await context.newPage();
      await page.goto("/tasks");
      const title = page.getByLabel("New task");
      const add = page.getByRole("button", { name: "Add", exact: true });
      const list = page.getByRole("list", { name: "Tasks" });
      const retrying = page
        .getByRole("alert")
        .filter({ hasText: "Can't reach the server" })
        .filter({ hasText: "Retrying" });
      await title.fill("Written before the outage");
      await add.click();
      await list.getByText("Written before the outage").waitFor({ timeout: 15_000 });

      const killed = await killApiUntilRestartWaits(5);
      await title.fill("Typed during the outage");
      await add.click();
      // The add fails and says why; the list, asked again, says it keeps trying.
      await page
        .getByRole("alert")
        .filter({ hasText: "Couldn't add the task" })
        .filter({ hasText: "Can't reach the server" })
        .waitFor({ timeout: 15_000 });
      await retrying.waitFor({ timeout: 15_000 });
      expect(await title.inputValue()).toBe("Typed during the outage");
      expect(await list.getByText("Written before the outage").isVisible()).toBe(true);

      // The launcher brings the API back; the list's retries find it without a reload.
      await retrying.waitFor({ state: "detached", timeout: 45_000 });
      expect(lastPid(stack.lines, "api")).not.toBe(killed);
      await add.click();
      await list.getByText("Typed during the outage").waitFor({ timeout: 15_000 });
      // Cleared once the add has settled, just after the list shows the task.
      await vi.waitFor(async () => expect(await title.inputValue()).toBe(""), { timeout: 10_000 });
      expect(await list.getByText("Written before the outage").isVisible()).toBe(true);
    } finally {
      await browser.close();
    }
  }, 120_000);

  it("on Ctrl-C (SIGINT to its process group) stops web and API before PostgreSQL", async () => {
    stack.signalGroup("SIGINT");
    const position = (pattern: RegExp) => stack.lines.findIndex((line) => pattern.test(line));
    await vi.waitFor(
      () => expect(position(/^\[db\] .*database system is shut down/)).toBeGreaterThan(-1),
      { timeout: 30_000 },
    );
    await stack.exited;
    const databaseShutdown = position(/^\[db\] .*received fast shutdown request/);
    expect(position(/^\[start\] api stopped$/)).toBeGreaterThan(-1);
    expect(position(/^\[start\] web stopped$/)).toBeGreaterThan(-1);
    expect(databaseShutdown).toBeGreaterThan(position(/^\[start\] api stopped$/));
    expect(databaseShutdown).toBeGreaterThan(position(/^\[start\] web stopped$/));
    expect(position(/^\[db\] .*database system is shut down/)).toBeGreaterThan(databaseShutdown);
  });
});
