/** The resource registry: builtin kinds plus the served versions of accepted CRDs. */
import type { ApiGroupInfo, ResourceRegistry } from "../api_types.ts";
import type { JsonObject, ResourceType } from "../types.ts";
import { BUILTIN_TYPES } from "./builtin_types.ts";
import type { CrdDefinition, ScalePaths } from "./_crd.ts";
import { crdNamingStatus } from "./_crd_status.ts";

const DEFAULT_SCALE: ScalePaths = {
  specReplicasPath: ".spec.replicas",
  statusReplicasPath: ".status.replicas",
  labelSelectorPath: ".spec.selector",
};

function versionRank(v: string): [number, number, number] {
  const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
  if (!m) return [0, 0, 0];
  const stability = m[2] === undefined ? 3 : m[2] === "beta" ? 2 : 1;
  return [stability, Number(m[1]), Number(m[3] ?? 0)];
}

/**
 * Orders versions as Kubernetes does: GA before beta before alpha, higher numbers first,
 * other strings last in alphabetical order.
 *
 * @example
 * ```ts
 * import { compareKubeVersions } from "./registry.ts";
 * import { deepEqual } from "node:assert/strict";
 * deepEqual(["v1alpha1", "v1", "v2beta1", "v2"].sort(compareKubeVersions), ["v2", "v1", "v2beta1", "v1alpha1"]);
 * ```
 */
export function compareKubeVersions(a: string, b: string): number {
  const ra = versionRank(a), rb = versionRank(b);
  for (let i = 0; i < 3; i++) {
    const d = (rb[i] ?? 0) - (ra[i] ?? 0);
    if (d !== 0) return d;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Builtin kinds and CRD-defined kinds, indexed for O(1) lookups by plural, kind and storage.
 *
 * @example
 * ```ts
 * import { SandboxRegistry } from "@nopea/nopea/sandbox";
 * import { equal } from "node:assert/strict";
 * const registry = new SandboxRegistry();
 * equal(registry.findKind("apps", "v1", "Deployment")?.plural, "deployments");
 * equal(registry.groups()[0]?.group, "");
 * ```
 */
export class SandboxRegistry implements ResourceRegistry {
  readonly #builtins: readonly ResourceType[];
  readonly #builtinStorage: Set<string>;
  readonly #crds = new Map<string, CrdDefinition>();
  #all: ResourceType[] = [];
  #byPlural = new Map<string, ResourceType>();
  #byKind = new Map<string, ResourceType>();
  #byStorage = new Map<string, ResourceType[]>();
  #groups: ApiGroupInfo[] = [];

  /** A registry serving `builtins` (the kube builtin kinds by default) and no CRD yet. */
  constructor(builtins: readonly ResourceType[] = BUILTIN_TYPES) {
    this.#builtins = builtins;
    this.#builtinStorage = new Set(builtins.map((t) => `${t.group}/${t.kind}`));
    this.#rebuild();
  }

  /** Every served resource type. */
  all(): ResourceType[] {
    return [...this.#all];
  }

  /** Groups with their served versions, core group first. */
  groups(): ApiGroupInfo[] {
    return this.#groups.map((g) => ({ ...g, versions: [...g.versions] }));
  }

  /** The type served at `/<group>/<version>/<plural>`. */
  find(group: string, version: string, plural: string): ResourceType | undefined {
    return this.#byPlural.get(`${group}/${version}/${plural}`);
  }

  /** The type of a kind in a group and version. */
  findKind(group: string, version: string, kind: string): ResourceType | undefined {
    return this.#byKind.get(`${group}/${version}/${kind}`);
  }

  /** The served versions of a storage identity (group and kind), preferred first. */
  storageTypes(group: string, kind: string): readonly ResourceType[] {
    return this.#byStorage.get(`${group}/${kind}`) ?? [];
  }

  /** True when a builtin kind stores objects of this group and kind. */
  isBuiltin(group: string, kind: string): boolean {
    return this.#builtinStorage.has(`${group}/${kind}`);
  }

  /** The names of the CRDs currently served. */
  crdNames(): string[] {
    return [...this.#crds.keys()];
  }

  /**
   * Computes a CRD's `status` (conditions, acceptedNames, storedVersions) against
   * the other served CRDs of its group; `accepted` is false on a name conflict.
   */
  evaluateCrd(
    def: CrdDefinition,
    previous: JsonObject | undefined,
    now: string,
  ): { status: JsonObject; accepted: boolean } {
    const others = [...this.#crds.values()].filter((d) =>
      d.group === def.group && d.name !== def.name
    );
    return crdNamingStatus(def, others, previous, now);
  }

  /** Serves the CRD's versions (replacing an earlier registration of the same CRD). */
  register(def: CrdDefinition): void {
    this.#crds.set(def.name, def);
    this.#rebuild();
  }

  /** Stops serving a CRD; returns its definition when it was served. */
  unregister(name: string): CrdDefinition | undefined {
    const def = this.#crds.get(name);
    if (def && this.#crds.delete(name)) this.#rebuild();
    return def;
  }

  /** Where the scale subresource of a kind reads and writes replicas. */
  scalePaths(group: string, kind: string): ScalePaths {
    for (const def of this.#crds.values()) {
      if (def.group === group && def.names.kind === kind && def.scale) return def.scale;
    }
    return DEFAULT_SCALE;
  }

  #rebuild(): void {
    const all = [...this.#builtins];
    const served = new Set(all.map((t) => `${t.group}/${t.version}/${t.plural}`));
    const crdGroups = new Set<string>();
    for (const def of this.#crds.values()) {
      for (const t of def.types) {
        const key = `${t.group}/${t.version}/${t.plural}`;
        if (served.has(key)) continue;
        served.add(key);
        all.push(t);
        crdGroups.add(t.group);
      }
    }
    this.#all = all;
    this.#byPlural = new Map(all.map((t) => [`${t.group}/${t.version}/${t.plural}`, t]));
    this.#byKind = new Map(all.map((t) => [`${t.group}/${t.version}/${t.kind}`, t]));
    this.#byStorage = new Map();
    const versions = new Map<string, Set<string>>();
    for (const t of all) {
      const list = this.#byStorage.get(`${t.group}/${t.kind}`) ?? [];
      list.push(t);
      this.#byStorage.set(`${t.group}/${t.kind}`, list);
      const set = versions.get(t.group) ?? new Set();
      set.add(t.version);
      versions.set(t.group, set);
    }
    for (const list of this.#byStorage.values()) {
      list.sort((a, b) => compareKubeVersions(a.version, b.version));
    }
    const builtinGroups = [...new Set(this.#builtins.map((t) => t.group))];
    const extra = [...crdGroups].filter((g) => !builtinGroups.includes(g)).sort();
    this.#groups = [...builtinGroups, ...extra].map((group) => {
      const vs = [...(versions.get(group) ?? [])].sort(compareKubeVersions);
      return { group, versions: vs, preferredVersion: vs[0] ?? "" };
    });
  }
}
