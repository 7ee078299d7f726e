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

function resolveNames(names: readonly string[], flag: string): Set<string> {
  const known = new Map(OPERATIONS.map((op) => [toolName(op), op.name as string]));
  const resolved = new Set<string>();
  for (const raw of names) {
    const name = raw.trim();
    if (name === "") continue;
    const full = name.startsWith("nopea_") ? name : `nopea_${name}`;
    const op = known.get(full);
    if (op === undefined) {
      throw new NopeaError(
        "SPEC_INVALID",
        `Cannot select tools: unknown tool "${name}" in ${flag}`,
        {
          hint: `Known tools: ${[...known.keys()].join(", ")}`,
        },
      );
    }
    resolved.add(op);
  }
  return resolved;
}

/**
 * The operations to serve, in catalogue order: read-only ones only with `readOnly`, only those
 * `tools` names (when given), never those `denyTools` names. Names work with or without the
 * `nopea_` prefix.
 *
 * @param selection What `--read-only`, `--tools` and `--deny-tools` asked for.
 * @returns The selected operations.
 * @throws {NopeaError} `SPEC_INVALID` for a tool name the catalogue does not have
 *
 * @example
 * ```ts
 * import { selectOperations } from "./tool_selection.ts";
 * import { equal } from "node:assert/strict";
 * equal(selectOperations({ readOnly: true }).some((op) => op.hints.destructive), false);
 * equal(selectOperations({ tools: ["nopea_context", "diff"] }).length, 2);
 * ```
 */
export function selectOperations(selection: ToolSelection): AnyOperation[] {
  const allow = selection.tools ? resolveNames(selection.tools, "--tools") : undefined;
  const deny = resolveNames(selection.denyTools ?? [], "--deny-tools");
  return OPERATIONS.filter((op) =>
    (!selection.readOnly || op.hints.readOnly) &&
    (allow === undefined || allow.has(op.name)) &&
    !deny.has(op.name)
  );
}
