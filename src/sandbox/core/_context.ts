/** What the verbs of the core share: the store, the registry, time, ids and address pools. */
import type { Clock } from "../../shared/mod.ts";
import type { ServiceAllocators } from "./_allocators.ts";
import type { ObjectStore } from "./object_store.ts";
import type { SandboxRegistry } from "./registry.ts";

/** The shared state of one sandbox core. */
export interface CoreContext {
  readonly store: ObjectStore;
  readonly registry: SandboxRegistry;
  readonly clock: Clock;
  /** A new object uid. */
  readonly uid: () => string;
  readonly alloc: ServiceAllocators;
}

/** The field manager of writes that name none. */
export const DEFAULT_MANAGER = "sandbox-client";

/** The field manager of controller writes that name none. */
export const CONTROLLER_MANAGER = "kube-controller-manager";
