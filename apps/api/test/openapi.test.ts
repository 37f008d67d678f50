import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../src/app";
import { testApp } from "./helpers";

/** The committed reference; `npm run openapi` rewrites it from the app. */
const COMMITTED = fileURLToPath(new URL("../../../docs/openapi.json", import.meta.url));

interface Parameter {
  name: string;
  in: string;
  description?: string;
}
interface Document {
  paths: Record<string, Record<string, { operationId?: string; parameters?: Parameter[] }>>;
}

let app: App;
let document: Document;
beforeAll(async () => {
  app = await testApp();
  document = (await app.inject({ url: "/openapi.json" })).json();
});
afterAll(() => app.close());

const operations = () =>
  Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ path, method, operation })),
  );

describe("the OpenAPI document", () => {
  it("is the committed docs/openapi.json (after a change to a route: npm run openapi)", async () => {
    await expect(`${JSON.stringify(document, null, 2)}\n`).toMatchFileSnapshot(COMMITTED);
  });

  it("names every operation with a unique operationId", () => {
    const ids = operations().map(({ path, method, operation }) => {
      expect(operation.operationId, `${method.toUpperCase()} ${path}`).toMatch(/^[a-z][A-Za-z]+$/);
      return operation.operationId;
    });
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("says of every {user_id} that it must be the token's sub", () => {
    const userIds = operations().flatMap(({ operation }) =>
      (operation.parameters ?? []).filter((parameter) => parameter.name === "user_id"),
    );
    expect(userIds.length).toBeGreaterThan(0);
    for (const parameter of userIds) {
      expect(parameter).toMatchObject({
        in: "path",
        description: expect.stringContaining("`sub`"),
      });
    }
  });
});
