import {
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
  LogController,
} from "fastify";

export interface LoggerSettings {
  level: string;
  /** Where the JSON lines go; standard output by default. */
  destination?: { write(line: string): unknown };
  /**
   * "every": a line when each request arrives and one when it completes (development).
   * "slow": only requests slower than SLOW_REQUEST_MS (production: two synchronous writes per
   * request cost about 7 % of the CPU under load; errors are logged where they are handled).
   */
  requests?: "every" | "slow";
}

export const SLOW_REQUEST_MS = 1_000;

/** Logs never carry credentials. */
const REDACTIONS = ["req.headers.authorization", "req.headers.cookie", 'res.headers["set-cookie"]'];

// pino's JSON escapes C0 already; DEL and C1 (U+0080–U+009F, CSI among them) pass through raw
// and a terminal showing the log would act on them. Escaped here, in every line whatever logged
// it; the one raw line feed ends the line.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
const CONTROL_CHARACTERS = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/g;
const escapeControl = (character: string) =>
  `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`;

/** The request as logged: the path without its query, which holds search text and cursors. */
function requestSummary(request: FastifyRequest) {
  return {
    method: request.method,
    path: request.url.split("?", 1)[0],
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}

/**
 * Fastify's request lines for `requests: "slow"`: none when a request arrives; when it
 * completes, only when it failed or took longer than SLOW_REQUEST_MS.
 */
class SlowRequestLog extends LogController {
  override incomingRequest() {}

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ) {
    if (error) super.requestCompleted(error, request, reply);
    else if (reply.elapsedTime > SLOW_REQUEST_MS) {
      reply.log.warn({ req: request, res: reply, responseTime: reply.elapsedTime }, "slow request");
    }
  }
}

export function logController(settings: LoggerSettings | undefined): LogController | undefined {
  return settings?.requests === "slow" ? new SlowRequestLog() : undefined;
}

/** pino options for the API's logger: redactions, the request summary, escaped lines. */
export function loggerOptions(settings: LoggerSettings): FastifyServerOptions["logger"] {
  const destination = settings.destination ?? process.stdout;
  return {
    level: settings.level,
    redact: { paths: REDACTIONS, censor: "[redacted]" },
    serializers: { req: requestSummary },
    stream: {
      write: (line: string) => destination.write(line.replace(CONTROL_CHARACTERS, escapeControl)),
    },
  };
}
