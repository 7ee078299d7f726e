/** The suspend and resume operations: stop and restart `nopea watch` syncing a service. */
import { z } from "zod";
import type { SyncSuspension } from "../engine/mod.ts";
import { namespaceName, serviceName } from "./_schemas.ts";
import type { Operation } from "./operation.ts";

const suspendInput = {
  service: serviceName,
  namespace: namespaceName.optional().describe(
    "The service's namespace (default: the namespace of its last deploy)",
  ),
  reason: z.string().max(256).optional().describe("Why; shown in the watch's status and log"),
};

const suspensionOutput = {
  service: z.string(),
  namespace: z.string(),
  suspended: z.boolean(),
  since: z.string().optional(),
  reason: z.string().optional(),
};

type SuspendInput = z.infer<z.ZodObject<typeof suspendInput>>;

/** `suspend`: `nopea watch` stops syncing and healing the service until `resume`. */
export const suspendOperation: Operation<SuspendInput, SyncSuspension> = {
  name: "suspend",
  title: "Suspend GitOps syncing of a service",
  description: "Stops every `nopea watch` process from deploying new commits of a service and " +
    "from healing its drift, from their next poll on, until nopea_resume (a break-glass switch " +
    "for the whole service; the nopea.io/suspend-heal annotation does it for one object). The " +
    "switch is the ConfigMap nopea-suspend-<service> in the service's namespace. Nothing else " +
    "changes. Returns the service, namespace, since and reason.",
  input: suspendInput,
  output: suspensionOutput,
  hints: { readOnly: false, destructive: false, idempotent: true, openWorld: true },
  run: (engine, input) => engine.suspend(input),
};

/** `resume`: `nopea watch` syncs the service again at its next poll. */
export const resumeOperation: Operation<Omit<SuspendInput, "reason">, SyncSuspension> = {
  name: "resume",
  title: "Resume GitOps syncing of a service",
  description: "Undoes nopea_suspend: every `nopea watch` process syncs the service again at " +
    "its next poll (deploying the branch's newest commit if it is not deployed yet) and heals " +
    "drift per its policy. Resuming a service that is not suspended changes nothing. Returns " +
    "the service and namespace with suspended false.",
  input: { service: suspendInput.service, namespace: suspendInput.namespace },
  output: suspensionOutput,
  hints: { readOnly: false, destructive: false, idempotent: true, openWorld: true },
  run: (engine, input) => engine.resume(input),
};
