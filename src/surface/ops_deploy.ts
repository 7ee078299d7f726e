/** The deploy and diff operations. */
import { z } from "zod";
import type { DeployResult } from "../deploys/mod.ts";
import type { DeploySpec, DiffResult } from "../engine/mod.ts";
import { parseDuration } from "../shared/mod.ts";
import { parseCanarySteps } from "../strategy/mod.ts";
import { deployOptionsOf } from "./_deploy_options.ts";
import { manifestsInput, manifestSource } from "./_manifest_input.ts";
import { deployResultOutput } from "./_deploy_output.ts";
import { compactEntries, compactInput, type CompactPage } from "./_compact_diff.ts";
import { loose, namespaceName, serviceName, strategy } from "./_schemas.ts";
import type { Operation, RunContext } from "./operation.ts";

const specInput = {
  service: serviceName,
  namespace: namespaceName.optional().describe(
    "Namespace for objects that name none (default: the kubeconfig context's)",
  ),
  manifests: manifestsInput,
  forceConflicts: z.boolean().optional().describe(
    "Take ownership of fields other field managers own",
  ),
  adopt: z.boolean().optional().describe("Take over objects another tool (Helm, kubectl) manages"),
  labels: z.record(z.string()).optional().describe("Extra labels on every object"),
  prune: z.boolean().optional().describe(
    "Delete what the service's last deploy applied and these manifests no longer hold (default true)",
  ),
};

/** The deploy operation's input. */
export const deployInput = {
  ...specInput,
  strategy: strategy.optional().describe("Rollout strategy; omit to let memory decide"),
  timeout: z.string().optional().describe(
    'How long to wait for readiness, e.g. "5m" (default: the server\'s NOPEA_TIMEOUT, else 5m)',
  ),
  dryRun: z.boolean().optional().describe(
    "Server-side dry run: nothing changes, nothing is remembered",
  ),
  createNamespace: z.boolean().optional().describe(
    "Create the target namespace if the manifests do not hold it",
  ),
  wait: z.boolean().optional().describe(
    "Canary/blue-green: false returns `progressing` right after applying instead of following the rollout",
  ),
  steps: z.string().optional().describe(
    'Canary steps, e.g. "10,25:pause,50:5m,100" (weight, optional pause or pause duration)',
  ),
  httpRoute: z.string().optional().describe(
    "Canary/blue-green: a Gateway API HTTPRoute in the namespace whose backends KULTA weighs",
  ),
  atomic: z.boolean().optional().describe(
    "When the deploy fails, roll back to the last completed deploy at once (recorded too)",
  ),
};

type SpecInput = z.infer<z.ZodObject<typeof specInput>>;
const diffInput = { ...specInput, ...compactInput };
type DiffInput = z.infer<z.ZodObject<typeof diffInput>>;
/** What the diff operation answers: the engine's diff with compact, paged entries. */
export type CompactDiff = Omit<DiffResult, "entries"> & CompactPage;
type DeployInput = z.infer<z.ZodObject<typeof deployInput>>;

/** The spec both operations share; the engine reads and validates the manifests. */
function specOf(input: SpecInput, ctx: RunContext): DeploySpec {
  return {
    service: input.service,
    ...(input.namespace ? { namespace: input.namespace } : {}),
    ...manifestSource(input.manifests, ctx),
    forceConflicts: input.forceConflicts ?? false,
    adopt: input.adopt ?? false,
    ...(input.labels ? { labels: input.labels } : {}),
    ...(input.prune === false ? { prune: false } : {}),
  };
}

/** `deploy`: apply, wait, verify, remember. */
export const deployOperation: Operation<DeployInput, DeployResult> = {
  name: "deploy",
  title: "Deploy manifests",
  description:
    "Deploys Kubernetes manifests as a service: server-side apply in dependency order, " +
    "wait until every object is ready (with pod-level diagnosis of ImagePullBackOff, CrashLoopBackOff " +
    "and deadlines), verify what the server stored, and record the outcome in memory. Memory picks " +
    "the strategy (direct, or canary after failures) unless one is given. Use nopea_context first " +
    "to see the service's history and nopea_diff to preview changes. Returns the deploy result: " +
    "status completed|failed|progressing, per-resource outcomes, the error with a hint when failed.",
  input: deployInput,
  output: deployResultOutput,
  hints: { readOnly: false, destructive: true, idempotent: true, openWorld: true },
  run: (engine, input, ctx) =>
    engine.deploy({ ...specOf(input, ctx), ...rolloutOptions(input) }, deployOptionsOf(ctx)),
};

/** The deploy's own options, checked before any manifest is read. */
function rolloutOptions(input: DeployInput): Omit<DeploySpec, "service" | "manifests"> {
  return {
    ...(input.strategy ? { strategy: input.strategy } : {}),
    ...(input.timeout ? { timeoutMs: parseDuration(input.timeout, "timeout") } : {}),
    dryRun: input.dryRun ?? false,
    ...(input.createNamespace ? { createNamespace: true } : {}),
    ...(input.wait === false ? { wait: false } : {}),
    ...(input.steps ? { canarySteps: parseCanarySteps(input.steps) } : {}),
    ...(input.httpRoute ? { httpRoute: input.httpRoute } : {}),
    ...(input.atomic ? { atomic: true } : {}),
  };
}

/** `diff`: what a deploy would change. */
export const diffOperation: Operation<DiffInput, CompactDiff> = {
  name: "diff",
  title: "Preview a deploy",
  description: "Shows what deploying these manifests would change, without changing anything: " +
    "the same loading and planning as a deploy, then a server-side dry run. Returns one entry per " +
    "object that would change with action create|configure|delete (delete: what pruning would " +
    "remove) and, for configure, the fields that would change (path, from, to; Secret values " +
    "masked); `unchanged` counts the objects that stay as they are, `changes` those that would " +
    "change. Long answers are paged: pass nextCursor back as cursor.",
  input: diffInput,
  output: {
    service: z.string(),
    namespace: z.string(),
    entries: z.array(loose({ key: z.string(), action: z.string() })),
    changes: z.number(),
    unchanged: z.number(),
    warnings: z.array(z.string()),
    nextCursor: z.string().optional(),
  },
  hints: { readOnly: true, destructive: false, idempotent: true, openWorld: true },
  run: async (engine, input, ctx) => {
    const diff = await engine.diff(specOf(input, ctx));
    return { ...diff, ...compactEntries(diff.entries, input) };
  },
};
