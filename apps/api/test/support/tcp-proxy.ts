import type { AddressInfo } from "node:net";
import { createServer, type Server, Socket } from "node:net";

interface Target {
  host: string;
  port: number;
}

/**
 * A TCP proxy on 127.0.0.1 that a test can cut (every connection dropped, new ones refused),
 * restore on the same port, and slow down: in front of PostgreSQL, or in front of several
 * API processes, taking turns by connection.
 */
export class TcpProxy {
  #sockets = new Set<Socket>();
  #server: Server | null = null;
  /** Added to every chunk in both directions; order is kept. */
  latencyMs = 0;
  port = 0;
  #turn = 0;

  constructor(private readonly targets: Target[]) {}

  /** A proxy in front of the database that `databaseUrl` names, and that URL through it. */
  static async inFrontOf(databaseUrl: string): Promise<{ proxy: TcpProxy; url: string }> {
    const target = new URL(databaseUrl);
    const proxy = new TcpProxy([{ host: target.hostname, port: Number(target.port) }]);
    await proxy.up();
    const url = new URL(target);
    url.port = String(proxy.port);
    return { proxy, url: url.toString() };
  }

  async up(): Promise<void> {
    const server = createServer((client) => {
      const target = this.targets[this.#turn++ % this.targets.length] as Target;
      const upstream = new Socket().connect(target.port, target.host);
      for (const socket of [client, upstream]) {
        this.#sockets.add(socket);
        socket.on("close", () => {
          this.#sockets.delete(socket);
          client.destroy();
          upstream.destroy();
        });
        socket.on("error", () => {});
      }
      this.#relay(client, upstream);
      this.#relay(upstream, client);
    });
    this.#server = server;
    await new Promise<void>((resolve) => server.listen(this.port, "127.0.0.1", resolve));
    this.port = (server.address() as AddressInfo).port;
  }

  /** Drops every connection and stops listening: new connections are refused. */
  async down(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    const server = this.#server;
    this.#server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  #relay(from: Socket, to: Socket): void {
    const queue: { due: number; chunk: Buffer }[] = [];
    let timer: NodeJS.Timeout | null = null;
    let ended = false;
    const pump = () => {
      timer = null;
      const now = Date.now();
      while (queue[0] && queue[0].due <= now) to.write((queue.shift() as { chunk: Buffer }).chunk);
      if (queue[0]) timer = setTimeout(pump, queue[0].due - now);
      else if (ended) to.end();
    };
    from.on("data", (chunk: Buffer) => {
      if (this.latencyMs === 0 && queue.length === 0) {
        to.write(chunk);
        return;
      }
      const due = Math.max(Date.now() + this.latencyMs, queue.at(-1)?.due ?? 0);
      queue.push({ due, chunk });
      timer ??= setTimeout(pump, due - Date.now());
    });
    from.on("end", () => {
      ended = true;
      if (queue.length === 0) to.end();
    });
    from.on("close", () => {
      if (timer) clearTimeout(timer);
    });
  }
}
