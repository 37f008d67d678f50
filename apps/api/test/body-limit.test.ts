import type { AddressInfo } from "node:net";
import { connect, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { App } from "../src/app";
import { tasksPath, testApp, testUser } from "./helpers";

const KiB = 1024;

let app: App;
let origin: string;
let port: number;
let userId: string;
let headers: { authorization: string };
beforeAll(async () => {
  app = await testApp();
  await app.listen({ host: "127.0.0.1", port: 0 });
  port = (app.server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
  ({ userId, headers } = await testUser(app));
});
afterAll(() => app.close());

/**
 * A request body of `total` bytes that stops after `held` bytes until released, so the answer
 * comes while the client is still sending.
 */
function heldBody(total: number, held: number) {
  const chunk = new Uint8Array(16 * KiB).fill(0x20);
  let sent = 0;
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (sent >= held) await released;
      if (sent >= total) return controller.close();
      sent += chunk.length;
      controller.enqueue(chunk);
    },
  });
  return { stream, release };
}

/** One raw HTTP/1.1 connection: what was received, and whether the server closed it. */
class Connection {
  received = "";
  closed = false;
  readonly socket: Socket;

  constructor() {
    this.socket = connect(port, "127.0.0.1");
    this.socket.setEncoding("latin1");
    this.socket.on("data", (text: string) => {
      this.received += text;
    });
    this.socket.on("error", () => {});
    this.socket.on("close", () => {
      this.closed = true;
    });
  }

  write(data: string | Uint8Array): Promise<void> {
    return new Promise((resolve, reject) =>
      this.socket.write(data, (error) => (error ? reject(error) : resolve())),
    );
  }

  /** Waits until `pattern` has been received; fails if the connection closes first. */
  async receive(pattern: RegExp): Promise<void> {
    await vi.waitFor(
      () => {
        if (!pattern.test(this.received) && this.closed) throw new Error("closed");
        expect(this.received).toMatch(pattern);
      },
      { timeout: 10_000, interval: 20 },
    );
  }
}

const postHead = (framing: string) =>
  `POST ${tasksPath(userId)} HTTP/1.1\r\nHost: api\r\nAuthorization: ${headers.authorization}\r\n` +
  `Content-Type: application/json\r\n${framing}\r\n\r\n`;
const chunked = (bytes: number) => `${bytes.toString(16)}\r\n${" ".repeat(bytes)}\r\n`;
const PROBLEM_413 =
  /^HTTP\/1\.1 413 [^\r]*\r\n[\s\S]*content-type: application\/problem\+json[\s\S]*"status":413/i;

describe("a body over 16 KiB, still being sent when the 413 comes", () => {
  it("fetch with a streamed body (no Content-Length) gets the 413 problem while sending", async () => {
    const body = heldBody(128 * KiB, 32 * KiB);
    const response = await fetch(`${origin}${tasksPath(userId)}`, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: body.stream,
      duplex: "half",
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    body.release();
    expect(await response.json()).toMatchObject({ status: 413, title: "Content Too Large" });
  });

  it("fetch with a Content-Length body over the limit gets the 413 problem", async () => {
    const response = await fetch(`${origin}${tasksPath(userId)}`, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: JSON.stringify({ title: "x", description: "d".repeat(64 * KiB) }),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ status: 413 });
  });

  it.each([
    ["Content-Length", `Content-Length: ${128 * KiB}`, new Uint8Array(32 * KiB).fill(0x20)],
    ["chunked", "Transfer-Encoding: chunked", chunked(32 * KiB)],
  ] as const)(
    "%s: the rest is read and the connection serves the next request",
    async (_name, framing, start) => {
      const connection = new Connection();
      await connection.write(postHead(framing));
      await connection.write(start);
      await connection.receive(PROBLEM_413);
      const rest =
        framing === "Transfer-Encoding: chunked"
          ? `${chunked(96 * KiB)}0\r\n\r\n`
          : new Uint8Array(96 * KiB).fill(0x20);
      await connection.write(rest);
      await connection.write("GET /healthz HTTP/1.1\r\nHost: api\r\n\r\n");
      await connection.receive(/HTTP\/1\.1 200 [\s\S]*\{"status":"ok"\}$/);
      expect(connection.closed).toBe(false);
      connection.socket.destroy();
    },
  );

  it("Connection: close: the answer comes once the rest is read, then the connection closes", async () => {
    const connection = new Connection();
    await connection.write(postHead(`Connection: close\r\nContent-Length: ${128 * KiB}`));
    for (let sent = 0; sent < 128 * KiB; sent += 32 * KiB) {
      await connection.write(new Uint8Array(32 * KiB).fill(0x20));
    }
    await connection.receive(PROBLEM_413);
    expect(connection.received).toMatch(/\r\nconnection: close\r\n/i);
    await vi.waitFor(() => expect(connection.closed).toBe(true), { timeout: 10_000 });
  });

  it("a body that goes on past 1 MiB more has its connection cut", async () => {
    const connection = new Connection();
    const total = 64 * 1024 * KiB;
    await connection.write(postHead(`Content-Length: ${total}`));
    const chunk = new Uint8Array(64 * KiB).fill(0x20);
    let written = 0;
    try {
      while (written < total && !connection.closed) {
        await connection.write(chunk);
        written += chunk.length;
      }
    } catch {
      // The server cut the connection.
    }
    await vi.waitFor(() => expect(connection.closed).toBe(true), { timeout: 10_000 });
    expect(written).toBeLessThan(total);
    expect(connection.received).toMatch(PROBLEM_413);
  });

  it("a body that stalls after the 413 has its connection cut after 5 s", async () => {
    const connection = new Connection();
    await connection.write(postHead(`Content-Length: ${128 * KiB}`));
    await connection.write(new Uint8Array(32 * KiB).fill(0x20));
    await connection.receive(PROBLEM_413);
    await vi.waitFor(() => expect(connection.closed).toBe(true), { timeout: 10_000 });
  });
});
