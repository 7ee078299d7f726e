/** Operations about live state: status of a service, health of Nopea. */
import { z } from "zod";
import type { HealthReport, ServiceStatus } from "../engine/mod.ts";
import { loose, namespaceName, serviceName } from "./_schemas.ts";
import type { Operation } from "./operation.ts";

const statusInput = {
  service: serviceName,
  namespace: namespaceName.optional().describe(
    "Only its deploys to this namespace (default: its last deploy, wherever it went)",
  ),
};

/** `status`: last deploy and live readiness. */
export const statusOperation: Operation<z.infer<z.ZodObject<typeof statusInput>>, ServiceStatus> = {
  name: "status",
  title: "Live status of a service",
  description: "Returns a service's last deploy and the live readiness of each of its objects in " +
    "the cluster now (ready, progressing — a canary's weight and step —, failed with the pod-level " +
    "reason such as ImagePullBackOff, missing), and whether a deploy is running. Use it first in " +
    "an incident.",
  input: statusInput,
  output: {
    service: z.string(),
    lastDeploy: loose({ deployId: z.string(), status: z.string() }),
    deploying: z.boolean(),
    resources: z.array(loose({ key: z.string(), state: z.string() })),
    healthy: z.boolean(),
  },
  hints: { readOnly: true, destructive: false, idempotent: true, openWorld: true },
  run: (engine, input) =>
    engine.status({
      service: input.service,
      ...(input.namespace ? { namespace: input.namespace } : {}),
    }),
};

/** `health`: can Nopea work. */
export const healthOperation: Operation<Record<string, never>, HealthReport> = {
  name: "health",
  title: "Health of Nopea",
  description: "Checks that Nopea can work: the cluster answers, memory is readable, and which " +
    "services have a deploy running. Returns status ok|degraded with the details.",
  input: {},
  output: {
    status: z.enum(["ok", "degraded"]),
    cluster: loose({ reachable: z.boolean() }),
    memory: loose({ readable: z.boolean() }),
    activeDeploys: z.array(z.string()),
  },
  hints: { readOnly: true, destructive: false, idempotent: true, openWorld: true },
  run: (engine) => engine.health(),
};
