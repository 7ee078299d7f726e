/** The HTTP route of each catalogue operation, and how a request's parts become its raw input. */
import { isDns1123Label } from "../manifests/mod.ts";
import { NopeaError } from "../shared/mod.ts";
import { excerpt } from "./_excerpt.ts";
import type { AnyOperation, OperationName } from "../surface/mod.ts";

/** The methods operation routes use. */
export type HttpMethod = "GET" | "POST";

/** One operation served over HTTP. */
export interface HttpRoute {
  /** The HTTP method. */
  method: HttpMethod;
  /** A hono path pattern; `:name` parameters become input fields (`:id`, see {@linkcode httpRoutes}). */
  path: string;
  /** The catalogue operation the route runs. */
  operation: AnyOperation;
}

/** DESIGN §7. Operations missing here get `GET /api/<name>` (read-only) or `POST /api/<name>`. */
const KNOWN: Partial<Record<OperationName, { method: HttpMethod; path: string }>> = {
  deploy: { method: "POST", path: "/api/deploy" },
  diff: { method: "POST", path: "/api/diff" },
  context: { method: "GET", path: "/api/context/:service" },
  explain: { method: "GET", path: "/api/explain/:service" },
  history: { method: "GET", path: "/api/history/:service" },
  services: { method: "GET", path: "/api/services" },
  status: { method: "GET", path: "/api/status/:service" },
  health: { method: "GET", path: "/health" },
  promote: { method: "POST", path: "/api/promote/:id" },
  rollback: { method: "POST", path: "/api/rollback/:id" },
  drift: { method: "GET", path: "/api/drift" },
  unlock: { method: "POST", path: "/api/unlock/:service" },
  delete: { method: "POST", path: "/api/delete/:service" },
};

/**
 * The routes of a list of operations. Path parameters fill the input field of the same name,
 * except `:id`, which fills `target` when the operation has one, else `service` when the value is
 * a DNS-1123 label (service names are; deploy ids are upper-case ULIDs), else `deployId`. GET
 * routes read the other fields from the query string, POST routes from a JSON object body.
 *
 * @example
 * ```ts
 * import { httpRoutes } from "./routes.ts";
 * import { OPERATIONS } from "../surface/mod.ts";
 * import { ok } from "node:assert/strict";
 * const routes = httpRoutes(OPERATIONS).map((r) => `${r.method} ${r.path}`);
 * ok(routes.includes("GET /api/history/:service"));
 * ```
 */
export function httpRoutes(operations: readonly AnyOperation[]): HttpRoute[] {
  return operations.map((operation) => {
    const known = KNOWN[operation.name];
    return {
      method: known?.method ?? (operation.hints.readOnly ? "GET" : "POST"),
      path: known?.path ?? `/api/${operation.name}`,
      operation,
    };
  });
}

/**
 * The parameter names of a hono path pattern, in order.
 *
 * @example
 * ```ts
 * import { pathParameters } from "./routes.ts";
 * import { deepEqual } from "node:assert/strict";
 * deepEqual(pathParameters("/api/status/:service"), ["service"]);
 * ```
 */
export function pathParameters(path: string): string[] {
  return [...path.matchAll(/:(\w+)/g)].map((m) => m[1] ?? "");
}

/**
 * The input fields a path parameter may fill: itself, or for `:id` the `target` field, else
 * `service` and `deployId` (which one depends on the value, see {@linkcode httpRoutes}).
 *
 * @example
 * ```ts
 * import { pathFields } from "./routes.ts";
 * import { promoteOperation } from "../surface/mod.ts";
 * import { deepEqual } from "node:assert/strict";
 * deepEqual(pathFields(promoteOperation, "id"), ["target"]);
 * ```
 */
export function pathFields(op: AnyOperation, name: string): string[] {
  if (name !== "id") return [name];
  const fields = Object.keys(op.input);
  if (fields.includes("target")) return ["target"];
  return ["service", "deployId"].filter((f) => fields.includes(f));
}

function idField(op: AnyOperation, value: string): string {
  const fields = Object.keys(op.input);
  if (fields.includes("target")) return "target";
  if (fields.includes("service") && (isDns1123Label(value) || !fields.includes("deployId"))) {
    return "service";
  }
  return fields.includes("deployId") ? "deployId" : "id";
}

/** Merges path parameters into the query or body fields; a field given twice must agree. */
export function requestInput(
  op: AnyOperation,
  params: Readonly<Record<string, string>>,
  fields: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const input: Record<string, unknown> = { ...fields };
  for (const [name, value] of Object.entries(params)) {
    const field = name === "id" ? idField(op, value) : name;
    if (field in input && input[field] !== value) {
      throw new NopeaError(
        "SPEC_INVALID",
        `Invalid input for ${op.name}: "${field}" is ${excerpt(input[field])} in the request ` +
          `but ${excerpt(value)} in the path`,
        { hint: `Leave "${field}" out of the request; the path gives it` },
      );
    }
    input[field] = value;
  }
  return input;
}
