import type { ValidateFunction } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";

// ajv-formats is CommonJS; its default export arrives wrapped under ESM.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

interface MediaType {
  schema?: unknown;
}
interface ResponseObject {
  headers?: Record<string, unknown>;
  content?: Record<string, MediaType>;
}
interface Operation {
  responses: Record<string, ResponseObject>;
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
}

export interface ObservedResponse {
  statusCode: number;
  headers: Record<string, unknown>;
  body: string;
}

/** Headers documented for a status that only some of its responses carry. */
const CONDITIONAL_HEADERS = new Set(["idempotent-replayed"]);
const DOCUMENT_ID = "openapi.json";

/** JSON pointer token, URI-encoded for use in a `$ref` fragment. */
const pointerToken = (token: string) =>
  encodeURIComponent(token.replaceAll("~", "~0").replaceAll("/", "~1"));

/**
 * Checks responses against an OpenAPI 3.1 document as the API serves it: the route and its
 * status are documented, the content type is one the document lists for that status, the
 * body validates against that media type's schema (JSON Schema 2020-12, as OpenAPI 3.1 says),
 * and the documented headers are present.
 */
export class OpenApiResponses {
  readonly #ajv = new Ajv2020({ strict: false, allErrors: true });
  readonly #validators = new Map<string, ValidateFunction>();
  readonly #routes: { pattern: RegExp; template: string }[];

  constructor(private readonly document: OpenApiDocument) {
    addFormats(this.#ajv);
    this.#ajv.addSchema(document as object, DOCUMENT_ID);
    this.#routes = Object.keys(document.paths).map((template) => ({
      template,
      pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, "[^/]+")}$`),
    }));
  }

  /** The documented path template of an operation, by method and raw (percent-encoded) path. */
  operation(method: string, path: string): string | undefined {
    const template = this.#routes.find((route) => route.pattern.test(path))?.template;
    return template && this.document.paths[template]?.[method.toLowerCase()] ? template : undefined;
  }

  /** The schema of a component (e.g. "Problem"), as a validator. */
  component(name: string): ValidateFunction {
    return this.#validator(`#/components/schemas/${pointerToken(name)}`);
  }

  /** Every way the response departs from the document; empty when it conforms. */
  violations(method: string, path: string, response: ObservedResponse): string[] {
    const template = this.operation(method, path);
    const operation = template ? this.document.paths[template]?.[method.toLowerCase()] : undefined;
    if (!template || !operation) return [`${method} ${path} is not a documented operation`];
    const status = String(response.statusCode);
    const documented = operation.responses[status] ?? operation.responses.default;
    if (!documented) return [`status ${status} is not documented for ${method} ${template}`];
    const problems: string[] = [];
    for (const name of Object.keys(documented.headers ?? {})) {
      const key = name.toLowerCase();
      if (!CONDITIONAL_HEADERS.has(key) && response.headers[key] === undefined) {
        problems.push(`documented header ${name} is missing from the ${status}`);
      }
    }
    const content = documented.content;
    if (!content) {
      if (response.body !== "") problems.push(`the ${status} has a body; none is documented`);
      return problems;
    }
    const mediaType = String(response.headers["content-type"] ?? "")
      .split(";")[0]
      ?.trim()
      .toLowerCase();
    if (!mediaType || !content[mediaType]) {
      problems.push(
        `content type "${mediaType}" is not documented for the ${status} (${Object.keys(content).join(", ")})`,
      );
      return problems;
    }
    if (!content[mediaType].schema) return problems;
    let body: unknown;
    try {
      body = JSON.parse(response.body);
    } catch {
      return [...problems, `the ${status} body is not JSON`];
    }
    const pointer = [
      "paths",
      template,
      method.toLowerCase(),
      "responses",
      documented === operation.responses[status] ? status : "default",
      "content",
      mediaType,
      "schema",
    ];
    const validate = this.#validator(`#/${pointer.map(pointerToken).join("/")}`);
    if (!validate(body)) {
      problems.push(
        `the ${status} body does not match its schema: ${this.#ajv.errorsText(validate.errors)}`,
      );
    }
    return problems;
  }

  #validator(fragment: string): ValidateFunction {
    let validate = this.#validators.get(fragment);
    if (!validate) {
      validate = this.#ajv.compile({ $ref: `${DOCUMENT_ID}${fragment}` });
      this.#validators.set(fragment, validate);
    }
    return validate;
  }
}
