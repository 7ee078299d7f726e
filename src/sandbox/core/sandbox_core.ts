/** SandboxCore: the sandbox cluster's API verbs over its object store and resource registry. */
import type { Clock, Logger } from "../../shared/mod.ts";
import type {
  DeleteRequestOptions,
  ListQuery,
  PatchType,
  RequestScope,
  SandboxApi,
  WireWatchEvent,
  WriteOptions,
} from "../api_types.ts";
import type { ControllerApi, JsonObject, ResourceType } from "../types.ts";
import { ServiceAllocators } from "./_allocators.ts";
import { applyObject } from "./_apply.ts";
import { bootstrap } from "./_bootstrap.ts";
import type { CoreContext } from "./_context.ts";
import { checkPreconditions, deleteObject, type Propagation } from "./_delete.ts";
import { listObjects, present, watchObjects } from "./_reads.ts";
import { toScale, writeScale } from "./_scale.ts";
import { forbidden, methodNotAllowed, resourceNotFound } from "./_status.ts";
import { createObject, liveOf, patchObject, replaceObject, type Target } from "./_writes.ts";
import { prepareBuiltinSchema } from "./builtin_schema.ts";
import { createControllerApi } from "./controller_api.ts";
import { ObjectStore } from "./object_store.ts";
import { SandboxRegistry } from "./registry.ts";
import { Scheduler } from "./scheduler.ts";
import { exportStore, importStore } from "./state.ts";

/** Options of {@linkcode SandboxCore}. */
export interface SandboxCoreOptions {
  /** Time of creationTimestamps, managedFields and the controllers' scheduler. */
  clock: Clock;
  /** Source of object uids. @default crypto.randomUUID */
  ids?: () => string;
  /** Where failures of watch listeners and scheduled tasks are logged. */
  log?: Logger;
  /** Events kept for watches resuming from a resourceVersion. @default 10000 */
  eventLogSize?: number;
}

const PROTECTED_NAMESPACES = new Set(["default", "kube-system", "kube-public"]);

/**
 * The sandbox cluster's API layer: get/list/create/replace/patch/delete/watch with the real
 * server's checks, defaults, CRDs, server-side apply and garbage collection. Every failure is
 * a thrown `StatusError`. It starts with the namespaces `default`, `kube-system`,
 * `kube-public`, `kube-node-lease` and the Ready node `sandbox-node`.
 *
 * @example Create a ConfigMap and read it back
 * ```ts
 * import { SandboxCore } from "@nopea/nopea/sandbox";
 * import { fixedClock } from "@nopea/nopea/testing";
 * import { equal } from "node:assert/strict";
 * const core = new SandboxCore({ clock: fixedClock() });
 * const scope = { group: "", version: "v1", plural: "configmaps", namespace: "default" };
 * core.create(scope, { metadata: { name: "web" }, data: { a: "1" } });
 * equal(core.get({ ...scope, name: "web" })["data"] !== undefined, true);
 * ```
 */
export class SandboxCore implements SandboxApi {
  /** The served resource types (builtins and CRDs). */
  readonly registry: SandboxRegistry;
  /** The clock of timestamps and of the controllers' scheduler. */
  readonly clock: Clock;
  readonly #ctx: CoreContext;
  readonly #scheduler: Scheduler;
  #controllerApi: ControllerApi | undefined;
  /** Run before a read: the controllers' queued work (they answer writes first). */
  readonly #settlers = new Set<() => void>();

  /** A fresh cluster: system namespaces, the node and the `kubernetes` Service. */
  constructor(options: SandboxCoreOptions) {
    const log = options.log;
    const report = (what: string) => (error: unknown) =>
      log?.log("warn", what, { error: error instanceof Error ? error.message : String(error) });
    this.clock = options.clock;
    this.registry = new SandboxRegistry();
    const alloc = new ServiceAllocators();
    const store = new ObjectStore({
      ...(options.eventLogSize === undefined ? {} : { logSize: options.eventLogSize }),
      onListenerError: report("Sandbox watch listener failed"),
    });
    store.subscribe((e) => {
      if (e.group !== "" || e.kind !== "Service") return;
      if (e.old) alloc.track(e.old, false);
      if (e.type !== "DELETED") alloc.track(e.object, true);
    });
    this.#ctx = {
      store,
      registry: this.registry,
      clock: options.clock,
      uid: options.ids ?? (() => crypto.randomUUID()),
      alloc,
    };
    this.#scheduler = new Scheduler(options.clock, { onError: report("Sandbox task failed") });
    bootstrap(this.#ctx);
  }

  /** The latest resourceVersion (decimal string). */
  get resourceVersion(): string {
    return String(this.#ctx.store.resourceVersion);
  }

  #type(scope: RequestScope): ResourceType {
    const type = this.registry.find(scope.group, scope.version, scope.plural);
    if (!type) throw resourceNotFound();
    if (scope.namespace !== undefined && !type.namespaced) throw resourceNotFound();
    if (scope.subresource === "status" && !type.statusSubresource) throw resourceNotFound();
    if (scope.subresource === "scale" && !type.scaleSubresource) throw resourceNotFound();
    return type;
  }

  #target(scope: RequestScope): Target & { scale: boolean } {
    const type = this.#type(scope);
    if (type.namespaced && scope.namespace === undefined) throw resourceNotFound();
    if (scope.name === undefined || scope.name === "") throw methodNotAllowed();
    return {
      type,
      namespace: type.namespaced ? scope.namespace ?? "" : "",
      name: scope.name,
      subresource: scope.subresource === "status" ? "status" : undefined,
      scale: scope.subresource === "scale",
    };
  }

  /** GET of one object (a Scale on `/scale`); 404 when absent. */
  get(scope: RequestScope): JsonObject {
    this.#settle();
    const target = this.#target(scope);
    const live = liveOf(this.#ctx, target);
    return target.scale ? toScale(this.#ctx, target.type, live) : present(target.type, live);
  }

  /** LIST with label/field selectors and `limit`/`continue` paging. */
  list(scope: RequestScope, query: ListQuery = {}): JsonObject {
    this.#settle();
    if (scope.subresource !== undefined) throw resourceNotFound();
    return listObjects(this.#ctx, this.#type(scope), scope, query);
  }

  /** POST: creates the object (409 when it exists); returns it as stored. */
  create(scope: RequestScope, body: JsonObject, options: WriteOptions = {}): JsonObject {
    const type = this.#type(scope);
    if (scope.subresource !== undefined || scope.name !== undefined) throw methodNotAllowed();
    if (type.namespaced && scope.namespace === undefined) throw methodNotAllowed();
    const namespace = type.namespaced ? scope.namespace ?? "" : "";
    const stored = createObject(
      this.#ctx,
      { type, namespace, subresource: undefined },
      body,
      options,
    );
    return present(type, stored);
  }

  /** PUT: replaces the object (only status on `/status`; replicas on `/scale`). */
  replace(scope: RequestScope, body: JsonObject, options: WriteOptions = {}): JsonObject {
    const target = this.#target(scope);
    if (target.scale) return writeScale(this.#ctx, target, { body }, options);
    return present(target.type, replaceObject(this.#ctx, target, body, options));
  }

  /** PATCH: apply (server-side), merge, JSON or strategic merge patch. */
  patch(
    scope: RequestScope,
    type: PatchType,
    body: unknown,
    options: WriteOptions = {},
  ): { object: JsonObject; created: boolean } {
    const target = this.#target(scope);
    if (target.scale) {
      return {
        object: writeScale(this.#ctx, target, { body, patchType: type }, options),
        created: false,
      };
    }
    if (type === "apply") {
      const { object, created } = applyObject(this.#ctx, target, body, options);
      return { object: present(target.type, object), created };
    }
    const stored = patchObject(this.#ctx, target, type, body, options);
    return { object: present(target.type, stored), created: false };
  }

  /** Loads the schema validator of the kind `scope` writes (once per process; lazily per kind). */
  prepareWrite(scope: RequestScope): Promise<void> {
    const type = this.registry.find(scope.group, scope.version, scope.plural);
    return type ? prepareBuiltinSchema(type) : Promise.resolve();
  }

  /** DELETE with propagationPolicy (garbage collection); returns the deleted object. */
  delete(scope: RequestScope, options: DeleteRequestOptions = {}): JsonObject {
    this.#settle();
    const target = this.#target(scope);
    if (target.subresource !== undefined || target.scale) throw methodNotAllowed();
    const { type } = target;
    const live = liveOf(this.#ctx, target);
    checkPreconditions(type, live, options.preconditions);
    if (type.group === "" && type.kind === "Namespace" && PROTECTED_NAMESPACES.has(target.name)) {
      throw forbidden(type, target.name, "this namespace may not be deleted");
    }
    if (options.dryRun) return present(type, live);
    const policy = options.propagationPolicy;
    const propagation: Propagation = policy === "Orphan" || policy === "Foreground"
      ? policy
      : "Background";
    return present(type, deleteObject(this.#ctx, type.group, type.kind, live, propagation));
  }

  /** WATCH: replays from `query.resourceVersion` (410 when too old), then streams. */
  watch(
    scope: RequestScope,
    query: ListQuery,
    onEvent: (event: WireWatchEvent) => void,
  ): () => void {
    if (scope.subresource !== undefined) throw resourceNotFound();
    this.#settle();
    return watchObjects(this.#ctx, this.#type(scope), scope, query, onEvent);
  }

  /** The store as the simulated controllers see it (one instance per core). */
  controllerApi(): ControllerApi {
    return this.#controllerApi ??= createControllerApi(this.#ctx, this.#scheduler, this.#settlers);
  }

  #settle(): void {
    for (const settle of this.#settlers) settle();
  }

  /** Runs every scheduled controller task that is due by the clock; returns how many ran. */
  runDue(): number {
    return this.#scheduler.runDue();
  }

  /** Runs due tasks in real time (setTimeout) until {@linkcode stopTimer}. */
  startTimer(): void {
    this.#scheduler.startTimer();
  }

  /** Stops the real-time timer. */
  stopTimer(): void {
    this.#scheduler.stopTimer();
  }

  /** Every stored object and the resourceVersion counter, as JSON (CRDs re-register on import). */
  exportState(): JsonObject {
    this.#settle();
    return exportStore(this.#ctx);
  }

  /**
   * Replaces the whole store with an exported state.
   *
   * @throws {NopeaError} `SANDBOX_STATE` when `state` is not an export of `exportState()`
   */
  importState(state: JsonObject): void {
    importStore(this.#ctx, state);
  }
}
