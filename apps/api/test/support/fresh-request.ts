import { type IncomingHttpHeaders, request } from "node:http";

export interface FreshResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface FreshRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

/**
 * One HTTP request on a connection of its own (no keep-alive): each one is accepted, refused
 * or routed by a proxy on its own. Rejects with the network error (its `code`, e.g.
 * ECONNREFUSED) when there is no response.
 */
export function freshRequest(
  url: string | URL,
  options: FreshRequest = {},
): Promise<FreshResponse> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, {
      method: options.method ?? "GET",
      agent: false,
      timeout: 15_000,
      headers: options.headers,
    });
    outgoing.on("timeout", () => outgoing.destroy(new Error("client timeout")));
    outgoing.on("error", reject);
    outgoing.on("response", (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk) => {
        body += chunk;
      });
      response.on("error", reject);
      response.on("end", () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
      );
    });
    outgoing.end(options.body);
  });
}

/** The network error's code, or its message. */
export const errorCode = (error: unknown) =>
  String((error as { code?: string }).code ?? (error as Error).message);
