/** The object store: objects by (group, kind, namespace, name), one global resourceVersion. */
import type { JsonObject } from "../types.ts";
import { EventLog, type StoreEvent } from "./_event_log.ts";
import { isObject, meta, nameOf, namespaceOf } from "./_json.ts";

/** Where an object lives. */
export interface ObjectRef {
  /** API group (`""` for core). */
  group: string;
  /** Kind. */
  kind: string;
  /** Namespace; `""` for cluster-scoped kinds. */
  namespace: string;
  /** Name. */
  name: string;
}

type Bucket = Map<string, Map<string, JsonObject>>;

function ownerUids(obj: JsonObject | undefined): string[] {
  const refs = obj ? meta(obj)["ownerReferences"] : undefined;
  if (!Array.isArray(refs)) return [];
  return refs.filter(isObject).map((r) => r["uid"]).filter((u): u is string =>
    typeof u === "string"
  );
}

/**
 * Stores objects as given (callers hand over ownership and never mutate them later),
 * stamps `metadata.resourceVersion`, keeps the event log and notifies listeners in commit order.
 *
 * @example
 * ```ts
 * import { ObjectStore } from "./object_store.ts";
 * import { equal } from "node:assert/strict";
 * const store = new ObjectStore();
 * const seen: string[] = [];
 * store.subscribe((e) => seen.push(e.type));
 * store.write("", "ConfigMap", { metadata: { name: "a", namespace: "default" } });
 * store.remove("", "ConfigMap", "default", "a");
 * equal(seen.join(","), "ADDED,DELETED");
 * equal(store.since(0)?.length, 2);
 * ```
 */
export class ObjectStore {
  readonly #kinds = new Map<string, Bucket>();
  readonly #log: EventLog;
  readonly #listeners = new Set<(event: StoreEvent) => void>();
  readonly #dependents = new Map<string, Map<string, ObjectRef>>();
  readonly #onError: (error: unknown) => void;
  #queue: StoreEvent[] = [];
  #dispatching = false;
  #rv = 0;

  /** A store keeping `logSize` events (default 10000) for watches that resume. */
  constructor(options: { logSize?: number; onListenerError?: (error: unknown) => void } = {}) {
    this.#log = new EventLog(options.logSize ?? 10_000);
    this.#onError = options.onListenerError ?? (() => {});
  }

  /** The latest committed resourceVersion. */
  get resourceVersion(): number {
    return this.#rv;
  }

  /** The resourceVersion after which every event can still be replayed. */
  get oldestReplayable(): number {
    return this.#log.floor;
  }

  /** The stored object (the store's own: do not mutate), or `undefined`. */
  get(group: string, kind: string, namespace: string, name: string): JsonObject | undefined {
    return this.#kinds.get(`${group}/${kind}`)?.get(namespace)?.get(name);
  }

  /** Objects of a kind, in one namespace or all; unordered. */
  list(group: string, kind: string, namespace?: string): JsonObject[] {
    const bucket = this.#kinds.get(`${group}/${kind}`);
    if (!bucket) return [];
    if (namespace !== undefined) return [...(bucket.get(namespace)?.values() ?? [])];
    const out: JsonObject[] = [];
    for (const names of bucket.values()) for (const obj of names.values()) out.push(obj);
    return out;
  }

  /** Every object of one namespace, across kinds. */
  inNamespace(namespace: string): { group: string; kind: string; object: JsonObject }[] {
    const out: { group: string; kind: string; object: JsonObject }[] = [];
    for (const [key, bucket] of this.#kinds) {
      const slash = key.indexOf("/");
      const group = key.slice(0, slash), kind = key.slice(slash + 1);
      for (const object of bucket.get(namespace)?.values() ?? []) out.push({ group, kind, object });
    }
    return out;
  }

  /** Every stored object with its storage identity. */
  *entries(): Generator<{ group: string; kind: string; object: JsonObject }> {
    for (const [key, bucket] of this.#kinds) {
      const slash = key.indexOf("/");
      for (const names of bucket.values()) {
        for (const object of names.values()) {
          yield { group: key.slice(0, slash), kind: key.slice(slash + 1), object };
        }
      }
    }
  }

  /** Objects whose ownerReferences name `uid`. */
  dependentsOf(uid: string): ObjectRef[] {
    return [...(this.#dependents.get(uid)?.values() ?? [])];
  }

  /** Stores `obj` (taking ownership), bumping the resourceVersion; emits ADDED or MODIFIED. */
  write(group: string, kind: string, obj: JsonObject): JsonObject {
    const namespace = namespaceOf(obj), name = nameOf(obj);
    const key = `${group}/${kind}`;
    let bucket = this.#kinds.get(key);
    if (!bucket) this.#kinds.set(key, bucket = new Map());
    let names = bucket.get(namespace);
    if (!names) bucket.set(namespace, names = new Map());
    const old = names.get(name);
    obj["metadata"] = { ...meta(obj), resourceVersion: String(++this.#rv) };
    names.set(name, obj);
    this.#index({ group, kind, namespace, name }, old, obj);
    this.#commit({ type: old ? "MODIFIED" : "ADDED", rv: this.#rv, group, kind, object: obj, old });
    return obj;
  }

  /** Removes an object, bumping the resourceVersion; emits DELETED. */
  remove(group: string, kind: string, namespace: string, name: string): JsonObject | undefined {
    const names = this.#kinds.get(`${group}/${kind}`)?.get(namespace);
    const old = names?.get(name);
    if (!names || !old) return undefined;
    names.delete(name);
    this.#index({ group, kind, namespace, name }, old, undefined);
    const rv = ++this.#rv;
    const object = { ...old, metadata: { ...meta(old), resourceVersion: String(rv) } };
    this.#commit({ type: "DELETED", rv, group, kind, object, old });
    return object;
  }

  /** Committed events after `rv`; `undefined` when the log no longer has them all. */
  since(rv: number): StoreEvent[] | undefined {
    return this.#log.since(rv);
  }

  /** Calls `listener` for every commit, in commit order (also for writes made by listeners). */
  subscribe(listener: (event: StoreEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Empties the store and sets the resourceVersion counter (state import). */
  reset(resourceVersion: number): void {
    this.#kinds.clear();
    this.#dependents.clear();
    this.#rv = resourceVersion;
    this.#log.reset(resourceVersion);
  }

  /** Stores an object as-is, without an event or a resourceVersion bump (state import). */
  restore(group: string, kind: string, obj: JsonObject): void {
    const namespace = namespaceOf(obj), name = nameOf(obj);
    const key = `${group}/${kind}`;
    let bucket = this.#kinds.get(key);
    if (!bucket) this.#kinds.set(key, bucket = new Map());
    let names = bucket.get(namespace);
    if (!names) bucket.set(namespace, names = new Map());
    names.set(name, obj);
    this.#index({ group, kind, namespace, name }, undefined, obj);
  }

  #index(ref: ObjectRef, before: JsonObject | undefined, after: JsonObject | undefined): void {
    const key = `${ref.group}/${ref.kind}/${ref.namespace}/${ref.name}`;
    for (const uid of ownerUids(before)) {
      const deps = this.#dependents.get(uid);
      deps?.delete(key);
      if (deps?.size === 0) this.#dependents.delete(uid);
    }
    for (const uid of ownerUids(after)) {
      let deps = this.#dependents.get(uid);
      if (!deps) this.#dependents.set(uid, deps = new Map());
      deps.set(key, ref);
    }
  }

  #commit(event: StoreEvent): void {
    this.#log.push(event);
    this.#queue.push(event);
    if (this.#dispatching) return;
    this.#dispatching = true;
    try {
      for (let i = 0; i < this.#queue.length; i++) {
        const e = this.#queue[i] as StoreEvent;
        for (const listener of [...this.#listeners]) {
          try {
            listener(e);
          } catch (error) {
            this.#onError(error);
          }
        }
      }
    } finally {
      this.#queue = [];
      this.#dispatching = false;
    }
  }
}
