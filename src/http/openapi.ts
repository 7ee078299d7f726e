/** The OpenAPI 3.1 document of the HTTP API, generated from the catalogue's zod schemas. */
import { z, type ZodRawShape, type ZodTypeAny } from "zod";
import { zodToJsonSchema } from "zod-to-json-schema";
import { type HttpRoute, pathFields, pathParameters } from "./routes.ts";
import { COMPONENTS, SERVICE_PATHS } from "./_openapi_parts.ts";

/** A JSON Schema object (draft 2020-12 compatible, as OpenAPI 3.1 uses). */
export type JsonSchema = Record<string, unknown>;

/** The OpenAPI document {@linkcode openApiDocument} makes. */
export interface OpenApiDocument {
  openapi: "3.1.0";
  info: { title: string; version: string; description: string };
  paths: Record<string, Record<string, unknown>>;
  components: Record<string, unknown>;
  security: Record<string, string[]>[];
}

/**
 * The JSON Schema of a zod type, inlined (no `$ref`), without `$schema`; only `.strict()`
 * objects refuse other properties.
 *
 * @example
 * ```ts
 * import { jsonSchemaOf } from "./openapi.ts";
 * import { z } from "zod";
 * import { deepEqual } from "node:assert/strict";
 * deepEqual(jsonSchemaOf(z.number().int().min(1)), { type: "integer", minimum: 1 });
 * ```
 */
export function jsonSchemaOf(schema: ZodTypeAny): JsonSchema {
  const { $schema: _, ...rest } = zodToJsonSchema(schema, {
    $refStrategy: "none",
    removeAdditionalStrategy: "strict",
  }) as JsonSchema;
  return rest;
}

function without(shape: ZodRawShape, names: readonly string[]): ZodRawShape {
  return Object.fromEntries(Object.entries(shape).filter(([name]) => !names.includes(name)));
}

/** The input fields the route's path fills. */
function filledByPath(route: HttpRoute): string[] {
  return pathParameters(route.path).flatMap((name) => pathFields(route.operation, name));
}

function parameters(route: HttpRoute): Record<string, unknown>[] {
  const inPath = pathParameters(route.path);
  const path = inPath.map((name) => ({
    name,
    in: "path",
    required: true,
    schema: route.operation.input[name]
      ? jsonSchemaOf(route.operation.input[name])
      : { type: "string" },
  }));
  if (route.method !== "GET") return path;
  const query = Object.entries(without(route.operation.input, filledByPath(route))).map((
    [name, field],
  ) => ({
    name,
    in: "query",
    required: !field.isOptional(),
    schema: jsonSchemaOf(field),
  }));
  return [...path, ...query];
}

function operationObject(route: HttpRoute): Record<string, unknown> {
  const op = route.operation;
  const body = z.object(without(op.input, filledByPath(route))).strict();
  return {
    operationId: op.name,
    summary: op.title,
    description: op.description,
    parameters: parameters(route),
    ...(route.method === "POST"
      ? { requestBody: { content: { "application/json": { schema: jsonSchemaOf(body) } } } }
      : {}),
    responses: {
      "200": {
        description: `The ${op.name} result`,
        content: { "application/json": { schema: jsonSchemaOf(z.object(op.output)) } },
      },
      default: { $ref: "#/components/responses/Problem" },
    },
    ...(route.path === "/health" ? { security: [] } : {}),
  };
}

/**
 * An OpenAPI path (`/api/status/{service}`) of a hono path pattern (`/api/status/:service`).
 *
 * @example
 * ```ts
 * import { openApiPath } from "./openapi.ts";
 * import { equal } from "node:assert/strict";
 * equal(openApiPath("/api/promote/:id"), "/api/promote/{id}");
 * ```
 */
export function openApiPath(path: string): string {
  return path.replace(/:(\w+)/g, "{$1}");
}

/**
 * The OpenAPI 3.1 document of `routes` and the server's own paths (probes, metrics, this
 * document, `/docs`, `/mcp`): every schema comes from the catalogue's zod schemas.
 *
 * @example
 * ```ts
 * import { openApiDocument } from "./openapi.ts";
 * import { httpRoutes } from "./routes.ts";
 * import { OPERATIONS } from "../surface/mod.ts";
 * import { equal, ok } from "node:assert/strict";
 * const doc = openApiDocument(httpRoutes(OPERATIONS), "0.1.0");
 * equal(doc.openapi, "3.1.0");
 * ok(doc.paths["/api/status/{service}"]?.["get"]);
 * ```
 */
export function openApiDocument(routes: readonly HttpRoute[], version: string): OpenApiDocument {
  const paths: Record<string, Record<string, unknown>> = structuredClone(SERVICE_PATHS);
  for (const route of routes) {
    const path = openApiPath(route.path);
    paths[path] = { ...paths[path], [route.method.toLowerCase()]: operationObject(route) };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Nopea HTTP API",
      version,
      description: "Deploy Kubernetes manifests and query the memory of every deploy. Errors " +
        "are RFC 9457 problem documents with Nopea's code and hint.",
    },
    paths,
    components: COMPONENTS,
    security: [{ bearer: [] }, { apiKey: [] }],
  };
}
