/** Resources: `nopea://services`, `nopea://service/{name}`, `nopea://service/{name}/history`, `nopea://drift`. */
// @ts-types="@modelcontextprotocol/sdk/server/mcp"
import {
  type ListResourcesCallback,
  type McpServer,
  type ReadResourceCallback,
  type ReadResourceTemplateCallback,
  ResourceTemplate,
} from "@modelcontextprotocol/sdk/server/mcp.js";
// @ts-types="@modelcontextprotocol/sdk/types"
import { ErrorCode, McpError, type ReadResourceResult } from "@modelcontextprotocol/sdk/types.js";
import { operation, parseInput } from "../surface/mod.ts";
import { NopeaError, toErrorBody } from "../shared/mod.ts";
import { toMaskedJson } from "./_mask.ts";
import type { ToolDeps } from "./_tools.ts";

const JSON_TYPE = "application/json";
/** MCP's "resource not found" error code. */
const RESOURCE_NOT_FOUND = -32002;

type Json = Record<string, unknown>;

async function run(deps: ToolDeps, name: string, raw: Json): Promise<Json> {
  const op = operation(name);
  if (op === undefined) {
    throw new NopeaError("INTERNAL", `Operation "${name}" is not in the catalogue`);
  }
  return await op.run(deps.engine, parseInput(op, raw), { cwd: deps.cwd }) as Json;
}

async function allServices(deps: ToolDeps): Promise<Json[]> {
  const services: Json[] = [];
  let cursor: string | undefined;
  do {
    const page = await run(deps, "services", { limit: 200, ...(cursor ? { cursor } : {}) });
    services.push(...page["services"] as Json[]);
    cursor = page["nextCursor"] as string | undefined;
  } while (cursor !== undefined);
  return services;
}

async function serviceView(deps: ToolDeps, name: string): Promise<Json> {
  const context = await run(deps, "context", { service: name });
  if (context["known"] !== true) {
    throw new NopeaError("SERVICE_NOT_FOUND", `No deploy of service "${name}" is recorded`, {
      hint: "Read nopea://services for the services Nopea has deployed",
    });
  }
  try {
    return { context, status: await run(deps, "status", { service: name }) };
  } catch (error) {
    const { code, message, hint } = toErrorBody(error);
    return { context, statusUnavailable: { code, message, ...(hint ? { hint } : {}) } };
  }
}

/** Drift of every known service; a service that cannot be checked says why instead. */
async function driftOfAll(deps: ToolDeps): Promise<Json> {
  const reports = await Promise.all((await allServices(deps)).map(async (s) => {
    try {
      return await run(deps, "drift", { service: s["service"] });
    } catch (error) {
      const { code, message } = toErrorBody(error);
      return { service: s["service"], unavailable: { code, message } };
    }
  }));
  const drifted = reports.filter((r) => typeof r["drifted"] === "number" && r["drifted"] > 0);
  return { services: reports, drifted: drifted.map((r) => r["service"]) };
}

/** Reads a resource as JSON; faults become protocol errors (resources have no isError). */
async function read(uri: URL, produce: () => Promise<unknown>): Promise<ReadResourceResult> {
  try {
    const text = JSON.stringify(toMaskedJson(await produce()), null, 2);
    return { contents: [{ uri: uri.href, mimeType: JSON_TYPE, text }] };
  } catch (error) {
    const { code, message, hint } = toErrorBody(error);
    const rpcCode = code === "SPEC_INVALID"
      ? ErrorCode.InvalidParams
      : code === "SERVICE_NOT_FOUND"
      ? RESOURCE_NOT_FOUND
      : ErrorCode.InternalError;
    throw new McpError(rpcCode, `Cannot read "${uri.href}": ${message}`, { code, hint });
  }
}

function nameOf(variables: Record<string, string | string[]>): string {
  const name = variables["name"];
  return decodeURIComponent(Array.isArray(name) ? name.join(",") : name ?? "");
}

/** Registers the resources (the per-service ones as templates). */
export function registerResources(mcp: McpServer, deps: ToolDeps): void {
  const services: ReadResourceCallback = (uri) =>
    read(uri, async () => ({ services: await allServices(deps) }));
  const service: ReadResourceTemplateCallback = (uri, variables) =>
    read(uri, () => serviceView(deps, nameOf(variables)));
  const history: ReadResourceTemplateCallback = (uri, variables) =>
    read(uri, () => run(deps, "history", { service: nameOf(variables), limit: 50 }));
  const list: ListResourcesCallback = async () => ({
    resources: (await allServices(deps)).map((s) => ({
      uri: `nopea://service/${s["service"]}`,
      name: `service ${s["service"]}`,
      mimeType: JSON_TYPE,
    })),
  });
  mcp.registerResource("services", "nopea://services", {
    title: "Services Nopea knows",
    description: "Every service Nopea has deployed: namespaces, deploys, last deploy, failure rate",
    mimeType: JSON_TYPE,
  }, services);
  mcp.registerResource("service", new ResourceTemplate("nopea://service/{name}", { list }), {
    title: "A service's context and live status",
    description: "What memory knows before a deploy (context) and, when the cluster answers, " +
      "the live readiness of the last deploy's objects (status)",
    mimeType: JSON_TYPE,
  }, service);
  const historyTemplate = new ResourceTemplate("nopea://service/{name}/history", {
    list: undefined,
  });
  mcp.registerResource("service-history", historyTemplate, {
    title: "A service's deploy history",
    description: "The last 50 deploys of a service, newest first (nopea_history pages further)",
    mimeType: JSON_TYPE,
  }, history);
  mcp.registerResource("drift", "nopea://drift", {
    title: "Drift of every service",
    description: "For each service Nopea deployed: what moved in the cluster since its last " +
      "completed deploy (manual_drift, missing, ...), and which services drifted",
    mimeType: JSON_TYPE,
  }, (uri) => read(uri, () => driftOfAll(deps)));
}
