/** What learning reads of a deploy record. */
import type { DeployError, DeployRecord } from "../deploys/mod.ts";

/**
 * The fields of a record that `learn` (`_ingest_graph.ts`) reads (of each resource, its key and
 * action; of the error, its code, message, class and resource): all a parallel replay sends the
 * thread that learns (`_replay_batch.ts`).
 */
export type LearnedFields =
  & Pick<
    DeployRecord,
    | "deployId"
    | "service"
    | "namespace"
    | "strategy"
    | "status"
    | "startedAt"
    | "finishedAt"
    | "images"
    | "dependsOn"
    | "operation"
  >
  & {
    error?: Pick<DeployError, "code" | "message" | "errorClass" | "resource">;
    resources: Pick<DeployRecord["resources"][number], "key" | "action">[];
  };

/** The fields of `r` that `learn` reads. */
export function learnedFields(r: DeployRecord): LearnedFields {
  return {
    deployId: r.deployId,
    service: r.service,
    namespace: r.namespace,
    strategy: r.strategy,
    status: r.status,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
    images: r.images,
    dependsOn: r.dependsOn,
    ...(r.error === undefined ? {} : { error: r.error }),
    ...(r.operation === undefined ? {} : { operation: r.operation }),
    resources: r.resources.map((x) => ({ key: x.key, action: x.action })),
  };
}
