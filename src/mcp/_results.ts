/** The one place where tool outcomes and errors become MCP tool results (STYLE R8). */
// @ts-types="@modelcontextprotocol/sdk/types"
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { toErrorBody } from "../shared/mod.ts";
import { toMaskedJson } from "./_mask.ts";

/** What a tool call ended with. */
export type ToolOutcome =
  /** The output, as structuredContent and as JSON text; `note` is a sentence shown before it. */
  | { kind: "output"; output: unknown; note?: string }
  /** A fault: any thrown value. */
  | { kind: "error"; error: unknown };

/**
 * Maps an outcome to a CallToolResult. Outputs become `structuredContent` (plain JSON, Secret
 * values masked) plus the same JSON as compact text. Errors become `isError: true` with the JSON
 * `{code, message, hint}` as text and no `structuredContent`: SDK clients validate any
 * structuredContent against the tool's outputSchema, error results included.
 */
export function toToolResult(outcome: ToolOutcome): CallToolResult {
  if (outcome.kind === "error") {
    const { code, message, hint } = toErrorBody(outcome.error);
    const body = { code, message, ...(hint === undefined ? {} : { hint }) };
    return { content: [{ type: "text", text: JSON.stringify(body) }], isError: true };
  }
  const json = toMaskedJson(outcome.output);
  const structured = typeof json === "object" && json !== null && !Array.isArray(json)
    ? json as Record<string, unknown>
    : { value: json };
  // One line: indentation would spend an assistant's context on whitespace.
  const text = JSON.stringify(structured);
  return {
    content: [
      ...(outcome.note === undefined ? [] : [{ type: "text" as const, text: outcome.note }]),
      { type: "text", text },
    ],
    structuredContent: structured,
  };
}
