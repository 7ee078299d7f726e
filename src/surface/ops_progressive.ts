/** Operations that move a service: promote a paused rollout, roll back to a good deploy. */
import { z } from "zod";
import type { DeployResult } from "../deploys/mod.ts";
import { DEPLOY_ID, DNS_1123_LABEL, namespaceName, patterned, serviceName } from "./_schemas.ts";
import { deployResultOutput } from "./_deploy_output.ts";
import { deployOptionsOf } from "./_deploy_options.ts";
import type { Operation } from "./operation.ts";

/** A deploy id or a service name; nothing else reaches the engine (or its error messages). */
const TARGET = new RegExp(`${DEPLOY_ID.source}|${DNS_1123_LABEL.source}`);

const promoteInput = {
  target: patterned(
    TARGET,
    "must be a deploy id (a 26-character ULID) or a service name (a DNS-1123 label: lowercase " +
      "letters, digits and '-', at most 63)",
  ).describe(
    "The progressing deploy's id (26-character ULID), or the service whose latest deploy is progressing",
  ),
  namespace: namespaceName.optional().describe(
    "With a service: its deploys to this namespace (default: wherever its latest deploy went)",
  ),
};

/** `promote`: moves a paused canary or a blue-green preview forward. */
export const promoteOperation: Operation<z.infer<z.ZodObject<typeof promoteInput>>, DeployResult> =
  {
    name: "promote",
    title: "Promote a progressive deploy",
    description: "Promotes a canary or blue-green deploy that waits for promotion (status " +
      "progressing, a paused step or a preview): sets KULTA's promote annotation, removes it once the " +
      "rollout moved, follows the rollout to its next stop and records the outcome. Target is the " +
      "deploy id or the service name. Returns the deploy result (completed, failed, or progressing " +
      "again at the next pause).",
    input: promoteInput,
    output: deployResultOutput,
    hints: { readOnly: false, destructive: true, idempotent: false, openWorld: true },
    run: (engine, input, ctx) =>
      engine.promote(
        DEPLOY_ID.test(input.target)
          ? { deployId: input.target }
          : { service: input.target, ...(input.namespace ? { namespace: input.namespace } : {}) },
        deployOptionsOf(ctx),
      ),
  };

const rollbackInput = {
  service: serviceName,
  to: patterned(
    /^([0-9A-HJKMNP-TV-Z]{26}|[0-9a-f]{7,40})$/,
    "must be a deploy id (a 26-character ULID) or a git commit of a nopea watch deploy (7-40 hex digits)",
  ).optional().describe(
    "Roll back to this completed deploy, by deploy id or (nopea watch deploys) git commit " +
      "(default: the last good one before the current)",
  ),
  wait: z.boolean().optional().describe(
    "false returns once re-applied, without following a canary or blue-green rollout",
  ),
  namespace: namespaceName.optional().describe(
    "Its deploys to this namespace (default: wherever its latest deploy went)",
  ),
};

/** `rollback`: back to the last good deploy (or a named one). */
export const rollbackOperation: Operation<
  z.infer<z.ZodObject<typeof rollbackInput>>,
  DeployResult
> = {
  name: "rollback",
  title: "Roll a service back",
  description: "Rolls a service back. A canary or blue-green deploy in flight ends as rolledback " +
    "with the last good pod template re-applied. Otherwise the manifests of the last successful " +
    "deploy (or the one named by `to`) are re-applied from memory through the normal pipeline " +
    "(Secrets: the live value is kept; a Secret that no longer exists is refused). Recorded as " +
    "deploy.run.rolledback. Use nopea_history to pick a deploy. Returns the deploy result.",
  input: rollbackInput,
  output: deployResultOutput,
  hints: { readOnly: false, destructive: true, idempotent: false, openWorld: true },
  run: (engine, input, ctx) =>
    engine.rollback({
      service: input.service,
      ...(input.to ? { to: input.to } : {}),
      ...(input.wait === false ? { wait: false } : {}),
      ...(input.namespace ? { namespace: input.namespace } : {}),
    }, deployOptionsOf(ctx)),
};
