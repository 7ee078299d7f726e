/** Prompts that walk an assistant through a safe deploy and through an incident. */
// @ts-types="@modelcontextprotocol/sdk/server/mcp"
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
// @ts-types="@modelcontextprotocol/sdk/types"
import type { GetPromptResult } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";

const NEVER_CONFIRM = "Never set confirm: true on your own: only the human confirms, either " +
  "in the confirmation Nopea shows them or by telling you so after seeing the plan.";

/** `manifests` as the tools take it: YAML text as is, else comma-separated file paths. */
function manifestsArgument(text: string): string {
  if (/\n|^\s*(apiVersion|kind|---|\{|\[)/.test(text)) return JSON.stringify(text);
  return JSON.stringify(text.split(",").map((p) => p.trim()).filter((p) => p !== ""));
}

function steps(lines: readonly (string | false)[]): string {
  return lines.filter((l): l is string => l !== false).map((l, i) => `${i + 1}. ${l}`).join("\n");
}

function message(text: string, description: string): GetPromptResult {
  return { description, messages: [{ role: "user", content: { type: "text", text } }] };
}

function safeDeploy(service: string, manifests: string, has: (tool: string) => boolean): string {
  const args = `{"service": ${JSON.stringify(service)}, "manifests": ${
    manifestsArgument(manifests)
  }}`;
  return `Deploy the service "${service}" with Nopea, safely. Stop and tell me if a step shows a ` +
    `problem.\n` + steps([
      has("context") &&
      `Call nopea_context with {"service": ${JSON.stringify(service)}}. Summarize recent ` +
        `deploys, learned failure patterns and the strategy memory recommends; name the risks.`,
      has("diff") &&
      `Call nopea_diff with ${args}. List what would be created or changed, and every warning.`,
      `Show me the plan and the risks, then call nopea_deploy with ${args}. Nopea asks me to ` +
      `confirm. If the result has confirmation "required", show me the plan and wait for my ` +
      `explicit approval before calling again with confirm: true. If it is "declined" or ` +
      `"cancelled", stop. ${NEVER_CONFIRM}`,
      `Report the outcome: status, each resource's result, and on failure the error and its hint.` +
      (has("explain") ? " Then call nopea_explain to say what memory learned." : ""),
    ]);
}

function incident(service: string, has: (tool: string) => boolean): string {
  const arg = `{"service": ${JSON.stringify(service)}}`;
  return `The service "${service}" has an incident. Investigate with Nopea; change nothing ` +
    `until I agree.\n` + steps([
      has("status") &&
      `Call nopea_status with ${arg}: which objects are not ready, and the reason each gives.`,
      has("history") &&
      `Call nopea_history with {"service": ${JSON.stringify(service)}, "limit": 5}: what changed ` +
        `recently, and which is the last deploy with status "completed".`,
      has("explain") &&
      `Call nopea_explain with ${arg}: what memory knows about this service's failures.`,
      "Summarize the likely cause with its evidence, and the last good deploy.",
      has("rollback")
        ? `If going back would help, propose nopea_rollback to the last good deploy and wait for ` +
          `my decision. ${NEVER_CONFIRM}`
        : "If going back would help, tell me which deploy to return to; this session has no " +
          "rollback tool, so a person must act.",
    ]);
}

/** Registers `safe-deploy` (when the deploy tool is served) and `incident`. */
export function registerPrompts(mcp: McpServer, served: readonly string[]): void {
  const has = (name: string) => served.includes(name);
  const service = z.string().describe('The service, e.g. "payments"');
  if (has("deploy")) {
    mcp.registerPrompt("safe-deploy", {
      title: "Deploy safely",
      description: "Context, then diff, then a deploy the human confirms",
      argsSchema: {
        service,
        manifests: z.string().describe(
          "YAML text, or comma-separated file paths relative to the server's working directory",
        ),
      },
    }, (a) => message(safeDeploy(a.service, a.manifests, has), "A safe deploy"));
  }
  mcp.registerPrompt("incident", {
    title: "Handle an incident",
    description: "Status, history and explain of a service, then a rollback the human decides on",
    argsSchema: { service },
  }, (a) => message(incident(a.service, has), "An incident"));
}
