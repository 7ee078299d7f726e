/** The drift operation: has anything moved since Nopea last deployed the service? */
import { z } from "zod";
import type { DriftReport } from "../engine/mod.ts";
import { loadManifestInput, manifestsInput } from "./_manifest_input.ts";
import { loose, namespaceName, serviceName } from "./_schemas.ts";
import type { Operation } from "./operation.ts";

const driftInput = {
  service: serviceName,
  namespace: namespaceName.optional().describe("Namespace for manifests that name none"),
  manifests: manifestsInput.optional().describe(
    "The manifests as they are now; without them, drift is live vs what was last applied",
  ),
};

/** `drift`: last applied vs desired vs live, object by object. */
export const driftOperation: Operation<z.infer<z.ZodObject<typeof driftInput>>, DriftReport> = {
  name: "drift",
  title: "Drift of a service",
  description: "Compares, object by object, what Nopea last applied for a service (from memory), " +
    "what the manifests say now (optional) and what the cluster holds: no_drift, desired_changed " +
    "(the files changed), manual_drift (someone changed the cluster, e.g. kubectl edit), conflict " +
    "(both), missing (deleted live), new. Only fields Nopea's manifests set count; fields other " +
    "controllers own (an HPA's replicas) and server defaults never do. Secret values are masked. " +
    "Use it before a deploy, or when the cluster behaves unlike the files.",
  input: driftInput,
  output: {
    service: z.string(),
    namespace: z.string(),
    lastDeployId: z.string(),
    resources: z.array(loose({ key: z.string(), drift: z.string() })),
    drifted: z.number(),
  },
  hints: { readOnly: true, destructive: false, idempotent: true, openWorld: true },
  async run(engine, input, ctx) {
    const manifests = input.manifests
      ? (await loadManifestInput(input.manifests, {
        cwd: ctx.cwd,
        ...(input.namespace ? { namespace: input.namespace } : {}),
        readStdin: ctx.readStdin,
      })).objects
      : undefined;
    return await engine.drift({
      service: input.service,
      ...(manifests ? { manifests } : {}),
      ...(input.namespace ? { namespace: input.namespace } : {}),
    });
  },
};
