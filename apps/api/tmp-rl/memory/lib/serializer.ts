import fastJson from "fast-json-stringify";
import type { FastifySerializerCompiler } from "fastify/types/schema";
import { type ZodType, z } from "zod";

/** The serializer only shapes output; patterns are for validating input and cost time here. */
function withoutPatterns(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withoutPatterns);
  if (schema === null || typeof schema !== "object") return schema;
  return Object.fromEntries(
    Object.entries(schema)
      .filter(([key, value]) => !(key === "pattern" && typeof value === "string"))
      .map(([key, value]) => [key, withoutPatterns(value)]),
  );
}

/**
 * Responses are serialized by fast-json-stringify from the JSON Schema of the same zod
 * response schema (output side), so the schema still decides which fields leave; it is
 * several times cheaper than zod `encode` on a 50-task list (see docs/benchmarks.md).
 */
export const serializerCompiler: FastifySerializerCompiler<ZodType> = ({ schema }) => {
  const jsonSchema = z.toJSONSchema(schema, {
    io: "output",
    target: "draft-7",
    unrepresentable: "any",
  });
  return fastJson(withoutPatterns(jsonSchema) as Parameters<typeof fastJson>[0]);
};
