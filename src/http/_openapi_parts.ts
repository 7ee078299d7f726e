/** The hand-shaped parts of the OpenAPI document: the problem schema and the server's own paths. */
import { ERROR_CODES } from "../shared/mod.ts";
import { PROBLEM_TYPE } from "./problem.ts";

/** The JSON Schema of a problem document (see `problem.ts`). */
export const PROBLEM_SCHEMA: Record<string, unknown> = {
  type: "object",
  required: ["type", "title", "status", "detail", "code"],
  properties: {
    type: { type: "string", description: "urn:nopea:error:<code>" },
    title: { type: "string" },
    status: { type: "integer", minimum: 400, maximum: 599 },
    detail: { type: "string" },
    code: { type: "string", enum: [...ERROR_CODES] },
    hint: { type: "string" },
    details: { type: "object" },
  },
};

const PROBLEM = { $ref: "#/components/responses/Problem" };
const OPEN: Record<string, string[]>[] = [];

function text(type: string, description: string): Record<string, unknown> {
  return { description, content: { [type]: { schema: { type: "string" } } } };
}

const MCP_BODY = {
  description: "A JSON-RPC message or batch (MCP Streamable HTTP transport)",
  content: { "application/json": { schema: { type: ["object", "array"] } } },
};

/** The paths that serve no catalogue operation. */
export const SERVICE_PATHS: Record<string, Record<string, unknown>> = {
  "/ready": {
    get: {
      operationId: "ready",
      summary: "Readiness: whether the cluster answers",
      security: OPEN,
      responses: {
        "200": {
          description: "The cluster answers",
          content: {
            "application/json": {
              schema: {
                type: "object",
                required: ["ready"],
                properties: { ready: { const: true } },
                additionalProperties: false,
              },
            },
          },
        },
        "503": { description: "The cluster does not answer", content: { [PROBLEM_TYPE]: {} } },
        default: PROBLEM,
      },
    },
  },
  "/metrics": {
    get: {
      operationId: "metrics",
      summary: "Prometheus metrics, process metrics included",
      security: OPEN,
      responses: { "200": text("text/plain", "Prometheus text exposition"), default: PROBLEM },
    },
  },
  "/openapi.json": {
    get: {
      operationId: "openapi",
      summary: "This document",
      responses: {
        "200": {
          description: "The OpenAPI 3.1 document",
          content: { "application/json": { schema: { type: "object" } } },
        },
        default: PROBLEM,
      },
    },
  },
  "/docs": {
    get: {
      operationId: "docs",
      summary: "The API reference as a web page",
      responses: { "200": text("text/html", "HTML"), default: PROBLEM },
    },
  },
  "/mcp": {
    post: {
      operationId: "mcp",
      summary: "Remote MCP (Streamable HTTP): the same tools, resources and prompts as stdio",
      description: "A read-only key gets the read-only tools only.",
      requestBody: MCP_BODY,
      responses: {
        "200": text("text/event-stream", "JSON-RPC answers (SSE or JSON)"),
        "202": { description: "Notification or response accepted" },
        default: PROBLEM,
      },
    },
  },
};

/** The document's components: security schemes and the problem document. */
export const COMPONENTS: Record<string, unknown> = {
  securitySchemes: {
    bearer: { type: "http", scheme: "bearer" },
    apiKey: { type: "apiKey", in: "header", name: "x-api-key" },
  },
  schemas: { Problem: PROBLEM_SCHEMA },
  responses: {
    Problem: {
      description: "A problem document (RFC 9457)",
      content: { [PROBLEM_TYPE]: { schema: { $ref: "#/components/schemas/Problem" } } },
    },
  },
};
