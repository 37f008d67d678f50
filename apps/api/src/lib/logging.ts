import type { FastifyRequest, FastifyServerOptions } from "fastify";

export interface LoggerSettings {
  level: string;
  /** Where the JSON lines go; standard output by default. */
  destination?: { write(line: string): unknown };
}

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
