/** Answers one catalogue operation: input, one change per service at a time, metrics, output. */
import type { Context } from "hono";
import type { Engine } from "../engine/mod.ts";
import { isPlainObject } from "../manifests/mod.ts";
import { type Clock, NopeaError } from "../shared/mod.ts";
import { type AnyOperation, parseInput } from "../surface/mod.ts";
import { parseJsonObject, refuseManifestPaths, unsupportedBody } from "./_body.ts";
import type { DeployFigures, HttpMetrics } from "./_metrics.ts";
import { requireScope } from "./_auth.ts";
import { problemResponse } from "./problem.ts";
import { queryInput } from "./_query_input.ts";
import { type HttpRoute, requestInput } from "./routes.ts";

/** What operation handlers share. */
export interface OperationDeps {
  engine: Engine;
  metrics: HttpMetrics;
  /** Services with a deploy (or another change) running through this app. */
  inFlight: Set<string>;
  clock: Clock;
  cwd: string;
}

/**
 * The rule for concurrent changes: a request that changes a service (any operation that is not
 * read-only and names a `service`) while another one for the same service is running through
 * this app is refused with 409 `DEPLOY_IN_PROGRESS`; it never queues behind it.
 */
function claim(inFlight: Set<string>, op: AnyOperation, input: unknown): string | undefined {
  const service = op.hints.readOnly || !isPlainObject(input) ? undefined : input["service"];
  if (typeof service !== "string") return undefined;
  if (inFlight.has(service)) {
    throw new NopeaError(
      "DEPLOY_IN_PROGRESS",
      `Cannot ${op.name} service "${service}": a deploy of it is already running on this server`,
      {
        hint: `Wait until it ends (GET /api/status/${service} shows "deploying"), then retry`,
        details: { service },
      },
    );
  }
  inFlight.add(service);
  return service;
}

function isDeployResult(output: unknown): output is DeployFigures & { dryRun: boolean } {
  return isPlainObject(output) && typeof output["deployId"] === "string" &&
    typeof output["status"] === "string" && typeof output["strategy"] === "string" &&
    typeof output["durationMs"] === "number" && Array.isArray(output["drift"]) &&
    typeof output["dryRun"] === "boolean";
}

function measure(metrics: HttpMetrics, op: AnyOperation, output: unknown, seconds: number): void {
  if (op.hints.readOnly && !op.hints.openWorld) metrics.memoryQuery(seconds);
  if (isDeployResult(output) && !output.dryRun) metrics.deploy(output);
}

/** Runs the route's operation for a request and answers its output as JSON. */
export async function runOperation(
  c: Context,
  route: HttpRoute,
  deps: OperationDeps,
): Promise<Response> {
  const op = route.operation;
  const where = `${route.method} ${c.req.path}`;
  const refused = requireScope(c, op.hints.readOnly ? "read" : "deploy", `run ${op.name}`);
  if (refused !== undefined) return refused;
  let fields: Record<string, unknown>;
  if (route.method === "GET") {
    fields = queryInput(op, c.req.queries());
  } else {
    const text = await c.req.text();
    const unsupported = unsupportedBody(c.req.header("content-type"), text);
    if (unsupported !== undefined) return problemResponse(415, unsupported);
    fields = parseJsonObject(text, where);
  }
  refuseManifestPaths(fields, where);
  const input = parseInput(op, requestInput(op, c.req.param(), fields));
  const service = claim(deps.inFlight, op, input);
  try {
    const started = deps.clock.now();
    const output = await op.run(deps.engine, input, { cwd: deps.cwd });
    measure(deps.metrics, op, output, (deps.clock.now() - started) / 1000);
    return c.json(output);
  } finally {
    if (service !== undefined) deps.inFlight.delete(service);
  }
}
