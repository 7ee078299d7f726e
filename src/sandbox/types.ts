/** Shared types of the sandbox cluster: resource types, status errors, the object store seen by controllers. */
import type { Clock } from "../shared/mod.ts";

/** A JSON object as stored by the sandbox. */
export type JsonObject = Record<string, unknown>;

/** One served resource type (a builtin kind, or one served version of a CRD). */
export interface ResourceType {
  /** API group; `""` for core. */
  group: string;
  /** API version (`v1`). */
  version: string;
  /** The kind (`Deployment`). */
  kind: string;
  /** The kind of its list (`DeploymentList`). */
  listKind: string;
  /** Plural resource name, used in URLs. */
  plural: string;
  /** Singular resource name (`deployment`). */
  singular: string;
  /** Whether objects live in a namespace. */
  namespaced: boolean;
  /** Short names for kubectl (`deploy`). */
  shortNames: readonly string[];
  /** Categories it belongs to (`all`). */
  categories: readonly string[];
  /** The verbs discovery advertises. */
  verbs: readonly string[];
  /** Whether the `status` subresource is served (status is then ignored on main-resource writes). */
  statusSubresource: boolean;
  /** Whether the `scale` subresource is served. */
  scaleSubresource: boolean;
  /** Name of the CRD that defines it; absent for builtins. */
  crd?: string;
  /**
   * List-map keys for server-side apply, by dotted field path without indices
   * (`"spec.template.spec.containers"` → `["name"]`). Lists not named here are atomic.
   */
  listMapKeys: Readonly<Record<string, readonly string[]>>;
  /** Dotted field paths of lists merged as sets (`x-kubernetes-list-type: set`). */
  listSets: readonly string[];
  /** A CRD version's `openAPIV3Schema`: custom resources are pruned, defaulted and checked with it. */
  openApiSchema?: JsonObject;
  /** A CRD version's `additionalPrinterColumns`, for `kubectl get` tables. */
  printerColumns?: readonly PrinterColumn[];
}

/** One `additionalPrinterColumns` entry of a CRD version. */
export interface PrinterColumn {
  /** Column header. */
  name: string;
  /** `integer`, `number`, `string`, `boolean` or `date`. */
  type: string;
  /** JSONPath of the cell's value, e.g. `.spec.replicas`. */
  jsonPath: string;
  /** OpenAPI format hint. */
  format?: string;
  /** Column description. */
  description?: string;
  /** 0 shows in `get`; higher only in `get -o wide`. */
  priority?: number;
}

/** A Kubernetes `Status` failure, thrown by the sandbox's API layer and rendered as the HTTP body. */
export class StatusError extends Error {
  override name = "StatusError";
  readonly code: number;
  readonly reason: string;
  readonly details: JsonObject | undefined;

  constructor(code: number, reason: string, message: string, details?: JsonObject) {
    super(message);
    this.code = code;
    this.reason = reason;
    this.details = details;
  }

  /** The `kind: Status` body, exactly as the real API server sends it. */
  toStatus(): JsonObject {
    return {
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: this.message,
      reason: this.reason,
      ...(this.details ? { details: this.details } : {}),
      code: this.code,
    };
  }
}

/** A change to a stored object, as a watch reports it. */
export interface ObjectEvent {
  /** What happened to the object. */
  type: "ADDED" | "MODIFIED" | "DELETED";
  /** The resource type's storage identity. */
  group: string;
  /** The kind. */
  kind: string;
  /** The object after the change (its last state, for `DELETED`). */
  object: JsonObject;
}

/**
 * The object store as the simulated controllers see it. Every write bumps the
 * global resourceVersion and notifies watchers, exactly as API writes do.
 */
export interface ControllerApi {
  /** The sandbox's clock; controllers read time from it. */
  readonly clock: Clock;
  /** A deep copy of the object, or `undefined`. `namespace` is `""` for cluster-scoped kinds. */
  get(group: string, kind: string, namespace: string, name: string): JsonObject | undefined;
  /**
   * The stored object itself, without a copy: callers only read it and never mutate it
   * (stored objects are replaced on write, never changed). Optional; `get` does without it.
   */
  peek?(group: string, kind: string, namespace: string, name: string): JsonObject | undefined;
  /** Deep copies of every object of a kind (in one namespace, or all when `namespace` is undefined). */
  list(group: string, kind: string, namespace?: string): JsonObject[];
  /**
   * Replaces `status` of an object (as the status subresource would), recording
   * `manager` in managedFields with subresource "status". Returns the stored object,
   * or `undefined` when the object no longer exists. Does not bump `generation`.
   */
  writeStatus(
    group: string,
    kind: string,
    namespace: string,
    name: string,
    status: JsonObject,
    manager?: string,
  ): JsonObject | undefined;
  /**
   * Creates or replaces a whole object as a controller (ReplicaSets, Pods, Events):
   * uid/creationTimestamp/resourceVersion/generation are handled as for API writes.
   */
  put(obj: JsonObject, manager?: string): JsonObject;
  /** Deletes an object; `false` when absent. */
  remove(group: string, kind: string, namespace: string, name: string): boolean;
  /** Subscribes to every committed change. Returns an unsubscribe function. */
  onChange(listener: (event: ObjectEvent) => void): () => void;
  /**
   * As `onChange`, but the events carry the stored objects themselves, without a copy:
   * listeners only read them and never mutate them. Optional; `onChange` does without it.
   */
  onCommit?(listener: (event: ObjectEvent) => void): () => void;
  /** Runs `task` once the clock reaches `atMs` (immediately-due tasks run on the next tick). */
  schedule(atMs: number, task: () => void): void;
  /**
   * Whether scheduled tasks run in real time (a timer), so work can wait for the next tick
   * after a write is answered; `false` (or absent) when a test drives time by hand. Optional.
   */
  realTime?(): boolean;
  /**
   * Registers `settle`, run before any read (get, list, watch, delete, export) is served, so
   * that reads see what the controllers' queued work makes of the last writes. Optional;
   * returns an unregister function.
   */
  beforeRead?(settle: () => void): () => void;
}
