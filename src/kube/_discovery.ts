/** Discovery cache: one resource list per apiVersion, reloaded when a kind is missing from it. */
import { isPlainObject, parseApiVersion } from "../manifests/mod.ts";
import type { ResourceInfo } from "./cluster_port.ts";

/** Loads the resources of an apiVersion; `undefined` when the cluster does not serve it. */
export type ResourceListLoader = (apiVersion: string) => Promise<ResourceInfo[] | undefined>;

/** Reads an `APIResourceList` body into resources with their subresources. */
export function resourcesFromList(apiVersion: string, body: unknown): ResourceInfo[] {
  const { group, version } = parseApiVersion(apiVersion);
  const entries = isPlainObject(body) && Array.isArray(body["resources"]) ? body["resources"] : [];
  const resources = entries.filter(isPlainObject);
  const subresources = new Map<string, string[]>();
  for (const r of resources) {
    const [plural, sub] = String(r["name"] ?? "").split("/");
    if (plural && sub) subresources.set(plural, [...(subresources.get(plural) ?? []), sub]);
  }
  return resources
    .filter((r) => typeof r["name"] === "string" && !r["name"].includes("/"))
    .map((r) => ({
      group,
      version,
      kind: String(r["kind"] ?? ""),
      plural: String(r["name"]),
      namespaced: r["namespaced"] === true,
      subresources: subresources.get(String(r["name"])) ?? [],
    }));
}

/**
 * Caches resource lists per apiVersion. A kind missing from a cached list reloads
 * it once (a CRD may have been established since); concurrent lookups share loads.
 */
export class DiscoveryCache {
  readonly #load: ResourceListLoader;
  readonly #lists = new Map<string, Promise<ResourceInfo[] | undefined>>();

  constructor(load: ResourceListLoader) {
    this.#load = load;
  }

  /** The resource serving `kind` in `apiVersion`, or `undefined`. */
  async find(apiVersion: string, kind: string): Promise<ResourceInfo | undefined> {
    const cached = this.#lists.get(apiVersion);
    if (cached) {
      const hit = pick(await cached, kind);
      if (hit) return hit;
      const newer = this.#lists.get(apiVersion);
      if (newer && newer !== cached) return pick(await newer, kind);
    }
    return pick(await this.#reload(apiVersion), kind);
  }

  /** Forgets every cached list. */
  clear(): void {
    this.#lists.clear();
  }

  #reload(apiVersion: string): Promise<ResourceInfo[] | undefined> {
    const loading = this.#load(apiVersion);
    this.#lists.set(apiVersion, loading);
    loading.catch(() => {
      if (this.#lists.get(apiVersion) === loading) this.#lists.delete(apiVersion);
    });
    return loading;
  }
}

function pick(list: ResourceInfo[] | undefined, kind: string): ResourceInfo | undefined {
  return list?.find((r) => r.kind === kind);
}
