/** The shape of one operation of the catalogue, shared by CLI, MCP and HTTP (STYLE R9). */
import { z, type ZodRawShape } from "zod";
import type { DeployEvent, Engine } from "../engine/mod.ts";
import { NopeaError } from "../shared/mod.ts";

/** Names of the operations; the MCP tool is `nopea_<name>`. */
export type OperationName =
  | "deploy"
  | "diff"
  | "context"
  | "explain"
  | "history"
  | "services"
  | "status"
  | "health"
  | "promote"
  | "rollback"
  | "drift"
  | "heal"
  | "unlock"
  | "delete"
  | "suspend"
  | "resume"
  | "memory_stats"
  | "memory_export"
  | "memory_import"
  | "memory_prune"
  | "memory_graph"
  | "memory_sync";

/** Hints for callers, as MCP tool annotations define them. */
export interface OperationHints {
  readOnly: boolean;
  destructive: boolean;
  idempotent: boolean;
  /** Talks to the cluster (true) or only to local memory (false). */
  openWorld: boolean;
}

/**
 * What an operation may use besides the engine. Doors fill it: the CLI renders progress as its
 * live view and reads stdin; MCP turns progress into `notifications/progress`.
 */
export interface RunContext {
  /** Directory that relative manifest paths are read from. */
  cwd: string;
  /** Live progress of operations that deploy (deploy, promote, rollback, heal): the engine's events. */
  onProgress?: (event: DeployEvent) => void;
  /** Aborting it stops waiting for readiness (or a rollout) early. */
  signal?: AbortSignal;
  /** Reads all of standard input, for the manifest path `-`; without it `-` is a file name. */
  readStdin?: () => Promise<string>;
}

/** One operation: name, description written for an AI caller, schemas, hints and `run`. */
export interface Operation<I = Record<string, unknown>, O = Record<string, unknown>> {
  name: OperationName;
  title: string;
  /** What it does, when to use it, what it returns. */
  description: string;
  /** The zod shape of the input object (MCP inputSchema, HTTP body/query validation). */
  input: ZodRawShape;
  /** The zod shape of the output object (MCP outputSchema). */
  output: ZodRawShape;
  hints: OperationHints;
  run(engine: Engine, input: I, ctx: RunContext): Promise<O>;
  /**
   * Writes the same output as `run` as JSON text, piece by piece, for outputs too long to hold
   * at once (the CLI uses it when present; MCP and HTTP answer with `run`).
   */
  stream?(engine: Engine, input: I, write: (chunk: string) => void): Promise<void>;
}

/** Any operation, with its types erased, as transports hold them. */
// deno-lint-ignore no-explicit-any
export type AnyOperation = Operation<any, any>;

/**
 * Validates raw input against an operation's schema.
 *
 * @throws {NopeaError} `SPEC_INVALID` naming every invalid field
 */
export function parseInput<I>(op: Operation<I, unknown>, raw: unknown): I {
  const result = z.object(op.input).strict().safeParse(raw ?? {});
  if (result.success) return result.data as I;
  const problems = result.error.issues.map((i) =>
    `${i.path.length ? i.path.join(".") : "input"}: ${i.message}`
  );
  throw new NopeaError("SPEC_INVALID", `Invalid input for ${op.name}: ${problems.join("; ")}`, {
    hint:
      `See the ${op.name} input schema (nopea ${op.name} --help, or the MCP tool's inputSchema)`,
    details: { issues: problems },
  });
}
