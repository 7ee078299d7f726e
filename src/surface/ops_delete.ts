/** The delete operation: remove a service's objects from the cluster; memory keeps its history. */
import { z } from "zod";
import type { DeployResult } from "../deploys/mod.ts";
import { parseDuration } from "../shared/mod.ts";
import { deployOptionsOf } from "./_deploy_options.ts";
import { deployResultOutput } from "./_deploy_output.ts";
import { namespaceName, serviceName } from "./_schemas.ts";
import type { Operation } from "./operation.ts";

const deleteInput = {
  service: serviceName,
  namespace: namespaceName.optional().describe(
    "Its deploys to this namespace (default: the namespace of its last deploy)",
  ),
  includeNamespaces: z.boolean().optional().describe(
    "Delete the Namespaces the service's manifests created too (they take everything in them along)",
  ),
  includeCrds: z.boolean().optional().describe(
    "Delete the service's CustomResourceDefinitions too (they take every custom resource along)",
  ),
  dryRun: z.boolean().optional().describe(
    "Server-side dry run: show what would be deleted; nothing changes, nothing is remembered",
  ),
  timeout: z.string().optional().describe('How long to wait for the objects to go, e.g. "2m"'),
};

/** `delete`: removes what Nopea last applied of a service, waits until gone, records it. */
export const deleteOperation: Operation<z.infer<z.ZodObject<typeof deleteInput>>, DeployResult> = {
  name: "delete",
  title: "Delete a service",
  description: "Deletes the objects Nopea last applied of a service from the cluster, workloads " +
    "before their configuration; Namespaces and CRDs only when asked; objects another manager " +
    "took over, or annotated nopea.io/prune: disabled, are left (listed in warnings). Waits until " +
    "they are gone and records the deletion; memory keeps the service's history, and " +
    "nopea_rollback can restore the last deploy. Returns the record: status completed|failed, " +
    "each object with action deleted.",
  input: deleteInput,
  output: deployResultOutput,
  hints: { readOnly: false, destructive: true, idempotent: true, openWorld: true },
  run: (engine, input, ctx) =>
    engine.delete({
      service: input.service,
      ...(input.namespace ? { namespace: input.namespace } : {}),
      ...(input.includeNamespaces ? { includeNamespaces: true } : {}),
      ...(input.includeCrds ? { includeCrds: true } : {}),
      ...(input.dryRun ? { dryRun: true } : {}),
      ...(input.timeout ? { timeoutMs: parseDuration(input.timeout, "timeout") } : {}),
    }, deployOptionsOf(ctx)),
};
