/** The heal operation: take back what someone changed in the cluster, per policy. */
import { z } from "zod";
import type { HealReport } from "../engine/mod.ts";
import { parseDuration } from "../shared/mod.ts";
import { deployResultOutput } from "./_deploy_output.ts";
import { loose, serviceName } from "./_schemas.ts";
import { deployOptionsOf } from "./_deploy_options.ts";
import type { Operation } from "./operation.ts";

const healInput = {
  service: serviceName,
  policy: z.enum(["auto", "manual", "notify"]).optional().describe(
    "auto re-applies what drifted; manual and notify only report what would be (default auto)",
  ),
  grace: z.string().optional().describe(
    'Leave drift younger than this alone, e.g. "5m" (default: none)',
  ),
  dryRun: z.boolean().optional().describe(
    "Server-side dry run of the re-apply: nothing changes, nothing is remembered",
  ),
};

/** `heal`: re-apply, from the last deploy's manifests, what drifted in the cluster. */
export const healOperation: Operation<z.infer<z.ZodObject<typeof healInput>>, HealReport> = {
  name: "heal",
  title: "Heal drift of a service",
  description: "Measures drift of a service against its last completed deploy (as nopea_drift " +
    "does without manifests) and, with policy auto, re-applies the objects someone changed " +
    "(manual_drift) or deleted (missing) from that deploy's stored manifests, taking the fields " +
    "back from whoever changed them; the re-apply is recorded as a deploy. Objects annotated " +
    'nopea.io/suspend-heal: "true", drift younger than the grace period, and deleted Secrets ' +
    "(memory keeps no Secret values) are skipped with a reason; policy manual or notify changes " +
    "nothing. Use nopea_drift first to see the drift. Returns healed keys, skipped objects with " +
    "reasons, the drift report and the deploy result.",
  input: healInput,
  output: {
    service: z.string(),
    policy: z.string(),
    healed: z.array(z.string()),
    skipped: z.array(z.object({ key: z.string(), reason: z.string() })),
    drift: loose({ service: z.string(), drifted: z.number() }),
    result: z.object(deployResultOutput).passthrough().optional(),
  },
  hints: { readOnly: false, destructive: true, idempotent: true, openWorld: true },
  run: (engine, input, ctx) =>
    engine.heal({
      service: input.service,
      ...(input.policy ? { policy: input.policy } : {}),
      ...(input.grace ? { graceMs: parseDuration(input.grace, "grace") } : {}),
      ...(input.dryRun ? { dryRun: true } : {}),
    }, deployOptionsOf(ctx)),
};
