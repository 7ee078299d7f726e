/** Which operations the server offers as tools: `--read-only`, `--tools` and `--deny-tools`. */
import { type AnyOperation, OPERATIONS } from "../surface/mod.ts";
import { NopeaError } from "../shared/mod.ts";

/**
 * The MCP tool name of an operation: `nopea_<name>`.
 *
 * @example
 * ```ts
 * import { toolName } from "./tool_selection.ts";
 * import { deployOperation } from "../surface/mod.ts";
 * import { equal } from "node:assert/strict";
 * equal(toolName(deployOperation), "nopea_deploy");
 * ```
 */
export function toolName(op: AnyOperation): string {
  return `nopea_${op.name}`;
}

/** What the caller asked for. */
export interface ToolSelection {
  /** Only tools that change nothing (`--read-only`). */
  readOnly?: boolean;
  /** Only these tools (`nopea_deploy` or `deploy`). */
  tools?: readonly string[];
  /** Never these tools. */
  denyTools?: readonly string[];
}

function refuse(message: string, hint: string): NopeaError {
  return new NopeaError("SPEC_INVALID", `Cannot select tools: ${message}`, { hint });
}

function resolveNames(names: readonly string[], flag: string): Map<string, string> {
  const known = new Map(OPERATIONS.map((op) => [toolName(op), op.name as string]));
  const resolved = new Map<string, string>();
  for (const raw of names) {
    const name = raw.trim();
    if (name === "") continue;
    const full = name.startsWith("nopea_") ? name : `nopea_${name}`;
    const op = known.get(full);
    if (op === undefined) {
      throw refuse(
        `unknown tool ${JSON.stringify(name.slice(0, 64))} in ${flag}`,
        `Known tools: ${[...known.keys()].join(", ")}`,
      );
    }
    resolved.set(op, full);
  }
  return resolved;
}

/** A tool asked for by --tools that --read-only or --deny-tools takes away is a contradiction. */
function checkAllowed(
  allow: ReadonlyMap<string, string>,
  deny: ReadonlyMap<string, string>,
  readOnly: boolean,
): void {
  for (const [name, tool] of allow) {
    const op = OPERATIONS.find((o) => o.name === name);
    if (readOnly && op !== undefined && !op.hints.readOnly) {
      throw refuse(
        `"${tool}" in --tools changes things, and --read-only serves only tools that change nothing`,
        `Leave ${tool} out of --tools, or drop --read-only. Read-only tools: ${readOnlyTools()}`,
      );
    }
    if (deny.has(name)) {
      throw refuse(
        `"${tool}" is in both --tools and --deny-tools`,
        `Name ${tool} in one of them only`,
      );
    }
  }
}

function readOnlyTools(): string {
  return OPERATIONS.filter((op) => op.hints.readOnly).map(toolName).join(", ");
}

function describe(selection: ToolSelection): string {
  const flags = [
    ...(selection.readOnly ? ["--read-only"] : []),
    ...(selection.tools ? [`--tools ${JSON.stringify(selection.tools.join(","))}`] : []),
    ...(selection.denyTools
      ? [`--deny-tools ${JSON.stringify(selection.denyTools.join(","))}`]
      : []),
  ];
  return flags.join(" ");
}

/**
 * The operations to serve, in catalogue order: read-only ones only with `readOnly`, only those
 * `tools` names (when given), never those `denyTools` names. Names work with or without the
 * `nopea_` prefix. A selection that contradicts itself or leaves no tool is refused, so that a
 * server never starts with fewer tools than asked for, or none.
 *
 * @param selection What `--read-only`, `--tools` and `--deny-tools` asked for.
 * @returns The selected operations, at least one.
 * @throws {NopeaError} `SPEC_INVALID` naming the tool and why: a name the catalogue does not
 * have, a tool in `tools` that `readOnly` or `denyTools` excludes, or no tool left at all
 *
 * @example
 * ```ts
 * import { selectOperations } from "./tool_selection.ts";
 * import { equal, throws } from "node:assert/strict";
 * equal(selectOperations({ readOnly: true }).some((op) => op.hints.destructive), false);
 * equal(selectOperations({ tools: ["nopea_context", "diff"] }).length, 2);
 * throws(() => selectOperations({ readOnly: true, tools: ["deploy"] }), /--read-only/);
 * ```
 */
export function selectOperations(selection: ToolSelection): AnyOperation[] {
  const allow = selection.tools ? resolveNames(selection.tools, "--tools") : undefined;
  const deny = resolveNames(selection.denyTools ?? [], "--deny-tools");
  if (allow !== undefined) checkAllowed(allow, deny, selection.readOnly ?? false);
  const ops = OPERATIONS.filter((op) =>
    (!selection.readOnly || op.hints.readOnly) &&
    (allow === undefined || allow.has(op.name)) &&
    !deny.has(op.name)
  );
  if (ops.length === 0) {
    throw refuse(
      `${describe(selection)} leaves no tool to serve`,
      `Name at least one tool in --tools, or deny fewer. Known tools: ${
        OPERATIONS.map(toolName).join(", ")
      }`,
    );
  }
  return ops;
}
