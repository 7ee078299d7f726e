/** The unlock operation: remove a deploy lock (Lease) that a gone deploy left behind. */
import { z } from "zod";
import type { UnlockResult } from "../lock/mod.ts";
import { namespaceName, serviceName } from "./_schemas.ts";
import type { Operation } from "./operation.ts";

const unlockInput = {
  service: serviceName,
  namespace: namespaceName.optional().describe(
    "The namespace of the deploy and its Lease (default: the kubeconfig context's)",
  ),
  force: z.boolean().optional().describe(
    "Remove the lock even while its holder still renews it (a deploy that may still run)",
  ),
};

/** `unlock`: removes the Lease `nopea-<service>`; a fresh one only with `force`. */
export const unlockOperation: Operation<z.infer<z.ZodObject<typeof unlockInput>>, UnlockResult> = {
  name: "unlock",
  title: "Remove a stale deploy lock",
  description: "Removes the deploy lock of a service (the coordination.k8s.io Lease " +
    "nopea-<service> in the deploy's namespace) that a killed or crashed deploy left behind, so " +
    "the next deploy need not wait for it to expire. A lock its holder still renews is refused " +
    "with DEPLOY_IN_PROGRESS naming the holder, unless force is true. Returns whether a lock was " +
    "removed, who held it and whether it was still renewed.",
  input: unlockInput,
  output: {
    service: z.string(),
    namespace: z.string(),
    lease: z.string(),
    removed: z.boolean(),
    holder: z.string().optional(),
    fresh: z.boolean().optional(),
  },
  hints: { readOnly: false, destructive: true, idempotent: true, openWorld: true },
  run: (engine, input) => engine.unlock(input),
};
