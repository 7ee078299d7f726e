/** Destructive tools: show the plan, ask the human (MCP elicitation) or require `confirm: true`. */
// @ts-types="@modelcontextprotocol/sdk/server/index"
import type { Server } from "@modelcontextprotocol/sdk/server/index.js";
import type { Engine } from "../engine/mod.ts";
import { type AnyOperation, operation, parseInput, type RunContext } from "../surface/mod.ts";
import { toMaskedJson } from "./_mask.ts";
import type { ToolOutcome } from "./_results.ts";
import { toolName } from "./tool_selection.ts";

/** How a destructive call was confirmed, or why it did nothing. */
export const CONFIRMATIONS = [
  "elicited",
  "argument",
  "not_needed",
  "required",
  "declined",
  "cancelled",
] as const;

/** One of {@linkcode CONFIRMATIONS}. */
export type Confirmation = typeof CONFIRMATIONS[number];

/** Destructive operations whose plan another operation computes from the same input. */
const PLANNERS: Readonly<Record<string, string>> = { deploy: "diff", heal: "drift" };

/** How long the human has to answer an elicitation. */
const ELICIT_TIMEOUT_MS = 15 * 60_000;

/** Objects listed one by one in a plan's description; the rest are counted. */
const MAX_LINES = 25;

/** What a destructive call needs besides its input. */
export interface ConfirmDeps {
  server: Server;
  engine: Engine;
  ctx: RunContext;
}

type Input = Record<string, unknown>;

async function planOf(op: AnyOperation, input: Input, deps: ConfirmDeps): Promise<Input> {
  const planner = operation(PLANNERS[op.name] ?? "");
  if (planner === undefined) return { operation: op.name, input: toMaskedJson(input) };
  const picked = Object.fromEntries(Object.entries(input).filter(([k]) => k in planner.input));
  return await planner.run(deps.engine, parseInput(planner, picked), deps.ctx) as Input;
}

/** One readable paragraph about the plan, for the human and the model. */
export function describePlan(op: AnyOperation, plan: Input): string {
  const entries = Array.isArray(plan["entries"]) ? plan["entries"] as Input[] : undefined;
  if (entries === undefined) return `${op.title}: ${JSON.stringify(plan["input"] ?? plan)}`;
  const target = `service "${plan["service"]}" in namespace "${plan["namespace"]}"`;
  const changed = entries.filter((e) => e["action"] !== "unchanged");
  // A compact plan lists no unchanged objects: it counts them.
  const unchanged = typeof plan["unchanged"] === "number"
    ? plan["unchanged"]
    : entries.length - changed.length;
  const lines = changed.slice(0, MAX_LINES).map((e) => `- ${e["action"]} ${e["key"]}`);
  if (changed.length > MAX_LINES) lines.push(`- and ${changed.length - MAX_LINES} more`);
  if (plan["nextCursor"] !== undefined) lines.push("- and more beyond this page (nopea_diff)");
  const warnings = Array.isArray(plan["warnings"]) ? plan["warnings"] as string[] : [];
  return [
    `${op.title} for ${target}: ${changed.length} of ${
      changed.length + unchanged
    } objects would change.`,
    ...lines,
    ...warnings.map((w) => `Warning: ${w}`),
  ].join("\n");
}

function supportsElicitation(server: Server): boolean {
  return server.getClientCapabilities()?.elicitation?.form !== undefined;
}

async function ask(op: AnyOperation, plan: Input, deps: ConfirmDeps): Promise<Confirmation> {
  try {
    const answer = await deps.server.elicitInput({
      mode: "form",
      message: `${describePlan(op, plan)}\n\nGo ahead?`,
      requestedSchema: {
        type: "object",
        properties: {
          confirm: { type: "boolean", title: "Go ahead", description: op.title, default: false },
        },
        required: ["confirm"],
      },
    }, { timeout: ELICIT_TIMEOUT_MS, ...(deps.ctx.signal ? { signal: deps.ctx.signal } : {}) });
    if (answer.action !== "accept") return answer.action === "decline" ? "declined" : "cancelled";
    return answer.content?.["confirm"] === true ? "elicited" : "declined";
  } catch {
    return "cancelled";
  }
}

async function decide(
  op: AnyOperation,
  confirmed: boolean,
  plan: Input,
  deps: ConfirmDeps,
): Promise<Confirmation> {
  if (supportsElicitation(deps.server)) return await ask(op, plan, deps);
  return confirmed ? "argument" : "required";
}

function noteFor(op: AnyOperation, confirmation: Confirmation): string {
  if (confirmation !== "required") {
    const what = confirmation === "declined" ? "declined" : "did not confirm";
    return `Nothing was changed: the human ${what} this plan.`;
  }
  return `Nothing was changed: ${toolName(op)} needs the human's confirmation. Show this plan to ` +
    `the human; only after they approve it, call ${toolName(op)} again with confirm: true.`;
}

/**
 * Runs a destructive operation only when it is confirmed: by the human through elicitation when
 * the client can ask (the tool's `confirm` argument is then ignored), else by `confirmed`, the
 * tool's `confirm: true`. A dry run needs no confirmation. Otherwise nothing changes and the
 * outcome is the plan.
 */
export async function confirmAndRun(
  op: AnyOperation,
  input: Input,
  confirmed: boolean,
  deps: ConfirmDeps,
): Promise<ToolOutcome> {
  const act = async (confirmation: Confirmation): Promise<ToolOutcome> => {
    const output = await op.run(deps.engine, input, deps.ctx) as Input;
    return { kind: "output", output: { ...output, confirmation } };
  };
  // A dry run, or a heal that only reports (policy notify or manual), changes nothing.
  const reportOnly = op.name === "heal" &&
    (input["policy"] === "notify" || input["policy"] === "manual");
  if (input["dryRun"] === true || reportOnly) return act("not_needed");
  const plan = await planOf(op, input, deps);
  const confirmation = await decide(op, confirmed, plan, deps);
  if (confirmation === "elicited" || confirmation === "argument") return act(confirmation);
  const note = `${noteFor(op, confirmation)}\n${describePlan(op, plan)}`;
  return { kind: "output", output: { confirmation, plan }, note };
}
