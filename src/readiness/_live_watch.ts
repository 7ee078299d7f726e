/**
 * Readiness from watch events: one watch per kind and namespace still awaited, so a resource's
 * change is seen when it happens instead of at the next poll. A group whose watch cannot start
 * (no `watch` permission, say) is simply polled.
 */
import type { ClusterPort, WatchHandle } from "../kube/mod.ts";
import { formatKey, keyOf, type KubeObject, type ResourceKey } from "../manifests/mod.ts";

/** The group a resource is read in: `apiVersion|kind|namespace`. */
export function groupOf(resource: ResourceKey): string {
  return `${resource.apiVersion}|${resource.kind}|${resource.namespace ?? ""}`;
}

/** Whether `candidate` is at least as new as `current` (by resourceVersion, when both tell). */
function newer(candidate: KubeObject | undefined, current: KubeObject | undefined): boolean {
  const a = Number(candidate?.metadata.resourceVersion);
  const b = Number(current?.metadata.resourceVersion);
  return !(Number.isSafeInteger(a) && Number.isSafeInteger(b) && a < b);
}

/** What the watches have seen of the awaited objects, and a wake-up when anything changes. */
export class LiveWatch {
  readonly #cluster: ClusterPort;
  readonly #labelSelector: string | undefined;
  readonly #handles = new Map<string, WatchHandle | undefined>();
  /** The newest state seen by a watch, by key; `undefined` once deleted. */
  readonly #seen = new Map<string, KubeObject | undefined>();
  #changed = false;
  #wake: (() => void) | undefined;

  constructor(cluster: ClusterPort, labelSelector: string | undefined) {
    this.#cluster = cluster;
    this.#labelSelector = labelSelector;
  }

  /** Whether `group`'s watch is running (so its objects need no more reads). */
  watching(group: string): boolean {
    return this.#handles.get(group) !== undefined;
  }

  /** Whether a watch of `group` was started (running, or failed and left to polling). */
  started(group: string): boolean {
    return this.#handles.has(group);
  }

  /** Starts a watch for the group of `resource` (once per group; a failure means polling). */
  async watch(resource: ResourceKey): Promise<void> {
    const group = groupOf(resource);
    if (this.#handles.has(group)) return;
    this.#handles.set(group, undefined);
    const options = {
      ...(resource.namespace ? { namespace: resource.namespace } : {}),
      ...(this.#labelSelector ? { labelSelector: this.#labelSelector } : {}),
    };
    const handle = await this.#cluster.watch(resource.apiVersion, resource.kind, options, (e) => {
      this.#see(formatKey(keyOf(e.object)), e.type === "DELETED" ? undefined : e.object);
    }).catch(() => undefined);
    this.#handles.set(group, handle);
  }

  /** A read's result, kept unless a watch has already seen a newer state. */
  merge(key: string, read: KubeObject | undefined): KubeObject | undefined {
    if (!this.#seen.has(key)) return read;
    const seen = this.#seen.get(key);
    return read && newer(read, seen) ? read : seen;
  }

  /** The newest state a watch saw of `key`; `fallback` when it saw none. */
  latest(key: string, fallback: KubeObject | undefined): KubeObject | undefined {
    return this.#seen.has(key) ? this.#seen.get(key) : fallback;
  }

  /** Resolves at the next change, at once when one came since the last call. */
  changed(): Promise<void> {
    if (this.#changed) {
      this.#changed = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => (this.#wake = resolve));
  }

  /** Stops every watch and waits until they have ended. */
  async stop(): Promise<void> {
    const handles = [...this.#handles.values()].filter((h) => h !== undefined);
    for (const handle of handles) handle.stop();
    await Promise.allSettled(handles.map((h) => h.done));
    this.#wake?.();
  }

  #see(key: string, object: KubeObject | undefined): void {
    if (object && !newer(object, this.#seen.get(key))) return;
    this.#seen.set(key, object);
    const wake = this.#wake;
    this.#wake = undefined;
    if (wake) wake();
    else this.#changed = true;
  }
}
