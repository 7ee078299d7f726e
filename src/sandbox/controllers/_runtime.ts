/** The controllers' runtime: work queue, timed wake-ups, remembered times and the owner index. */
import type { Logger } from "../../shared/mod.ts";
import type { ControllerApi, JsonObject } from "../types.ts";
import { identityOf, jsonEqual, obj, objects, str } from "./_json.ts";
import type { Settings } from "./options.ts";

/** Identifies one stored object by its storage identity. */
export interface Ref {
  group: string;
  kind: string;
  /** `""` for cluster-scoped kinds. */
  namespace: string;
  name: string;
}

/** Brings one object towards its desired state; must be idempotent. */
export type Reconciler = (rt: Runtime, ref: Ref) => void;

/** The manager name of the built-in controllers. */
const MANAGER = "kube-controller-manager";
/** Reconciles in one drain before the rest is deferred to the next scheduler tick. */
const DRAIN_BUDGET = 50_000;
const RETRY_MAX_MS = 300_000;

/** `group/kind/namespace/name`. */
function refKey(ref: Ref): string {
  return `${ref.group}/${ref.kind}/${ref.namespace}/${ref.name}`;
}

/** The ref of a stored object. */
function refOf(o: JsonObject): Ref {
  const apiVersion = str(o["apiVersion"]) ?? "";
  const slash = apiVersion.indexOf("/");
  const m = identityOf(o);
  return {
    group: slash < 0 ? "" : apiVersion.slice(0, slash),
    kind: str(o["kind"]) ?? "",
    namespace: m.namespace,
    name: m.name,
  };
}

/** The controller (owner with `controller: true`) of an object, as a ref in its namespace. */
export function controllerOf(o: JsonObject): (Ref & { uid: string }) | undefined {
  const owner = objects(obj(o["metadata"])["ownerReferences"]).find((r) =>
    r["controller"] === true
  );
  if (!owner) return undefined;
  const apiVersion = str(owner["apiVersion"]) ?? "";
  const slash = apiVersion.indexOf("/");
  return {
    group: slash < 0 ? "" : apiVersion.slice(0, slash),
    kind: str(owner["kind"]) ?? "",
    namespace: identityOf(o).namespace,
    name: str(owner["name"]) ?? "",
    uid: str(owner["uid"]) ?? "",
  };
}

function ownerUids(o: JsonObject): string[] {
  return objects(obj(o["metadata"])["ownerReferences"]).map((r) => str(r["uid"]) ?? "").filter(
    (uid) => uid !== "",
  );
}

/** Shared state of all controllers of one sandbox. */
export class Runtime {
  readonly api: ControllerApi;
  readonly settings: Settings;
  readonly log: Logger | undefined;
  #reconcilers: ReadonlyMap<string, Reconciler>;
  #queue = new Map<string, () => void>();
  #draining = false;
  #drainScheduled = false;
  #stopped = false;
  #wakes = new Set<string>();
  #retries = new Map<string, number>();
  #marks = new Map<string, Map<string, number>>();
  #serials = new Map<string, number>();
  #children = new Map<string, Map<string, Ref>>();
  #owners = new Map<string, string[]>();

  constructor(
    api: ControllerApi,
    settings: Settings,
    reconcilers: ReadonlyMap<string, Reconciler>,
    log?: Logger,
  ) {
    this.api = api;
    this.settings = settings;
    this.#reconcilers = reconcilers;
    this.log = log;
  }

  /** The clock reading, in milliseconds. */
  now(): number {
    return this.api.clock.now();
  }

  /** Queues a reconcile of `ref` (no-op for kinds without a reconciler). */
  enqueue(ref: Ref): void {
    const reconcile = this.#reconcilers.get(`${ref.group}/${ref.kind}`);
    if (reconcile) this.task(refKey(ref), () => reconcile(this, ref));
  }

  /** Queues a named piece of work; queuing the same name twice runs it once. */
  task(name: string, work: () => void): void {
    if (!this.#stopped) this.#queue.set(name, work);
  }

  /**
   * Runs the queued work after a change: on the next tick when the scheduler runs in real time
   * (the write that caused it is answered first, and the reconciles that many writes queue for
   * one object run once), else at once (a test driving time by hand sees it before it goes on).
   */
  settle(): void {
    if (this.api.realTime?.()) this.requestDrain();
    else this.drain();
  }

  /** Runs the queue on the next scheduler tick, unless a drain is running or already due. */
  requestDrain(): void {
    if (this.#draining || this.#drainScheduled || this.#stopped || this.#queue.size === 0) return;
    this.#drainScheduled = true;
    this.api.schedule(this.now(), () => {
      this.#drainScheduled = false;
      this.drain();
    });
  }

  /** Runs queued work until the queue is empty; work queued meanwhile runs in the same drain. */
  drain(): void {
    if (this.#draining || this.#stopped) return;
    this.#draining = true;
    let budget = DRAIN_BUDGET;
    try {
      for (const [name, work] of this.#queue) {
        if (this.#stopped || budget-- <= 0) break;
        this.#queue.delete(name);
        this.#run(name, work);
      }
    } finally {
      this.#draining = false;
    }
    this.requestDrain();
  }

  #run(name: string, work: () => void): void {
    try {
      work();
      this.#retries.delete(name);
    } catch (e) {
      const attempt = (this.#retries.get(name) ?? 0) + 1;
      this.#retries.set(name, attempt);
      const delay = Math.min(1000 * 2 ** (attempt - 1), RETRY_MAX_MS);
      this.log?.log("warn", "Sandbox controller failed; retrying", {
        work: name,
        attempt,
        retryInMs: delay,
        error: e instanceof Error ? e.message : String(e),
      });
      this.api.schedule(this.now() + delay, () => {
        this.task(name, work);
        this.drain();
      });
    }
  }

  /** Reconciles `ref` again at `atMs` (once per distinct time). */
  wakeAt(ref: Ref, atMs: number): void {
    if (atMs <= this.now()) {
      this.enqueue(ref);
      return;
    }
    const key = `${refKey(ref)}@${atMs}`;
    if (this.#wakes.has(key) || this.#stopped) return;
    this.#wakes.add(key);
    this.api.schedule(atMs, () => {
      this.#wakes.delete(key);
      this.enqueue(ref);
      this.drain();
    });
  }

  /**
   * A time remembered for the object `uid`; the first call for a name remembers
   * `initial` (when it is a valid time) or `now`.
   */
  since(uid: string, name: string, initial?: number): number {
    const known = this.#marks.get(uid)?.get(name);
    if (known !== undefined) return known;
    const at = initial !== undefined && Number.isFinite(initial) ? initial : this.now();
    this.setMark(uid, name, at);
    return at;
  }

  /** A time remembered for the object `uid`, if any (remembers nothing). */
  mark(uid: string, name: string): number | undefined {
    return this.#marks.get(uid)?.get(name);
  }

  /** Remembers (or, with `undefined`, forgets) a time of the object `uid`. */
  setMark(uid: string, name: string, ms: number | undefined): void {
    const marks = this.#marks.get(uid) ?? new Map<string, number>();
    if (ms === undefined) marks.delete(name);
    else marks.set(name, ms);
    if (marks.size > 0) this.#marks.set(uid, marks);
    else this.#marks.delete(uid);
  }

  /** Forgets every time remembered for the object `uid` (it was deleted). */
  forget(uid: string): void {
    this.#marks.delete(uid);
  }

  /** The next number of a named counter, starting at 0. */
  serial(name: string): number {
    const n = this.#serials.get(name) ?? 0;
    this.#serials.set(name, n + 1);
    return n;
  }

  /** Records the owners of `o` in the owner index. */
  track(o: JsonObject): void {
    const key = refKey(refOf(o));
    const owners = ownerUids(o);
    for (const uid of this.#owners.get(key) ?? []) {
      if (!owners.includes(uid)) this.#children.get(uid)?.delete(key);
    }
    if (owners.length === 0) this.#owners.delete(key);
    else this.#owners.set(key, owners);
    for (const uid of owners) {
      const children = this.#children.get(uid) ?? new Map<string, Ref>();
      children.set(key, refOf(o));
      this.#children.set(uid, children);
    }
  }

  /** Drops `o` from the owner index. */
  untrack(o: JsonObject): void {
    const key = refKey(refOf(o));
    for (const uid of this.#owners.get(key) ?? []) this.#children.get(uid)?.delete(key);
    this.#owners.delete(key);
  }

  /** The objects that name `ownerUid` in their ownerReferences, optionally of one kind. */
  children(ownerUid: string, group?: string, kind?: string): JsonObject[] {
    const out: JsonObject[] = [];
    for (const ref of this.#children.get(ownerUid)?.values() ?? []) {
      if (kind !== undefined && (ref.group !== group || ref.kind !== kind)) continue;
      const child = this.get(ref);
      if (child && ownerUids(child).includes(ownerUid)) out.push(child);
    }
    return out;
  }

  /** Forgets the index entry of a deleted owner. */
  dropOwner(uid: string): void {
    this.#children.delete(uid);
  }

  /** The stored object (read-only: copy before changing it), or `undefined`. */
  get(ref: Ref): JsonObject | undefined {
    const api = this.api;
    return api.peek
      ? api.peek(ref.group, ref.kind, ref.namespace, ref.name)
      : api.get(ref.group, ref.kind, ref.namespace, ref.name);
  }

  /** Creates or replaces an object and indexes it at once. */
  put(o: JsonObject, manager: string = MANAGER): JsonObject {
    const stored = this.api.put(o, manager);
    this.track(stored);
    return stored;
  }

  /** Deletes an object and drops it from the index. */
  remove(ref: Ref): boolean {
    const o = this.get(ref);
    if (o) this.untrack(o);
    return this.api.remove(ref.group, ref.kind, ref.namespace, ref.name);
  }

  /** Writes `status` unless `current` already has it. */
  updateStatus(ref: Ref, current: JsonObject, status: JsonObject, manager: string = MANAGER): void {
    if (jsonEqual(current["status"], status)) return;
    this.api.writeStatus(ref.group, ref.kind, ref.namespace, ref.name, status, manager);
  }

  /** Stops all work; queued and scheduled work is dropped. */
  stop(): void {
    this.#stopped = true;
    this.#queue.clear();
  }
}
