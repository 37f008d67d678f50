import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import secureJson from "secure-json-parse";
import { HttpProblem, invalidRequest } from "../../lib/problem";

function parseJson(body: string): unknown {
  // An empty body is no body: `PATCH …/complete` without one toggles.
  if (body.trim() === "") return undefined;
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    throw new HttpProblem(400, "The body is not valid JSON.");
  }
  // Fastify represents "no body" as null, so a literal null must not pass for one.
  if (value === null) throw invalidRequest([{ path: "body", message: "Must be a JSON object" }]);
  try {
    secureJson.scan(value as object, { protoAction: "error", constructorAction: "error" });
  } catch {
    throw invalidRequest(
      [{ path: "body", message: "__proto__ and constructor.prototype are not allowed" }],
      "The body has fields that are not allowed.",
    );
  }
  return value;
}

/** Only JSON bodies are accepted (anything else is a 415), parsed without prototype pollution. */
async function jsonBody(app: FastifyInstance) {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("application/json", { parseAs: "string" }, (_request, body, done) => {
    try {
      done(null, parseJson(body as string));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
}

export default fp(jsonBody, { name: "json-body" });
