/** Discovery documents exactly as kube-apiserver serves them (legacy, non-aggregated JSON). */
import { sha256 } from "@noble/hashes/sha2.js";
import type { ResourceRegistry } from "../api_types.ts";
import type { JsonObject, ResourceType } from "../types.ts";

/** The version the sandbox claims (kubectl's version dispatcher picks kubectl 1.32 for it). */
export const SERVER_VERSION = { major: "1", minor: "32", gitVersion: "v1.32.0-nopea-sandbox" };

/** `/version`. */
export function versionInfo(): JsonObject {
  return {
    ...SERVER_VERSION,
    gitCommit: "0000000000000000000000000000000000000000",
    gitTreeState: "clean",
    buildDate: "2026-01-01T00:00:00Z",
    goVersion: "go1.23.4",
    compiler: "gc",
    platform: "linux/amd64",
  };
}

/** `/api`: the core group's versions. */
export function apiVersions(serverAddress: string): JsonObject {
  return {
    kind: "APIVersions",
    versions: ["v1"],
    serverAddressByClientCIDRs: [{ clientCIDR: "0.0.0.0/0", serverAddress }],
  };
}

function groupVersion(group: string, version: string): string {
  return group === "" ? version : `${group}/${version}`;
}

function apiGroup(info: { group: string; versions: readonly string[]; preferredVersion: string }) {
  return {
    name: info.group,
    versions: info.versions.map((v) => ({ groupVersion: groupVersion(info.group, v), version: v })),
    preferredVersion: {
      groupVersion: groupVersion(info.group, info.preferredVersion),
      version: info.preferredVersion,
    },
  };
}

/** `/apis`: every named group (the core group is served at `/api`). */
export function apiGroupList(registry: ResourceRegistry): JsonObject {
  return {
    kind: "APIGroupList",
    apiVersion: "v1",
    groups: registry.groups().filter((g) => g.group !== "").map(apiGroup),
  };
}

/** `/apis/<group>`, or `undefined` when the group is not served. */
export function apiGroupDocument(
  registry: ResourceRegistry,
  group: string,
): JsonObject | undefined {
  const info = registry.groups().find((g) => g.group === group);
  return info ? { kind: "APIGroup", apiVersion: "v1", ...apiGroup(info) } : undefined;
}

/** kube's `storageVersionHash`: base64 of the first 8 bytes of sha256("group/version/kind"). */
export function storageVersionHash(group: string, version: string, kind: string): string {
  const digest = sha256(new TextEncoder().encode(`${group}/${version}/${kind}`));
  return btoa(String.fromCharCode(...digest.subarray(0, 8)));
}

function resourceEntries(t: ResourceType): JsonObject[] {
  const main: JsonObject = {
    name: t.plural,
    singularName: t.singular,
    namespaced: t.namespaced,
    kind: t.kind,
    verbs: [...t.verbs],
    ...(t.shortNames.length > 0 ? { shortNames: [...t.shortNames] } : {}),
    ...(t.categories.length > 0 ? { categories: [...t.categories] } : {}),
    storageVersionHash: storageVersionHash(t.group, t.version, t.kind),
  };
  const subVerbs = ["get", "patch", "update"];
  const entries = [main];
  if (t.scaleSubresource) {
    entries.push({
      name: `${t.plural}/scale`,
      singularName: "",
      namespaced: t.namespaced,
      group: "autoscaling",
      version: "v1",
      kind: "Scale",
      verbs: subVerbs,
    });
  }
  if (t.group === "" && t.plural === "serviceaccounts") {
    entries.push({
      name: "serviceaccounts/token",
      singularName: "",
      namespaced: true,
      group: "authentication.k8s.io",
      version: "v1",
      kind: "TokenRequest",
      verbs: ["create"],
    });
  }
  if (t.statusSubresource) {
    entries.push({
      name: `${t.plural}/status`,
      singularName: "",
      namespaced: t.namespaced,
      kind: t.kind,
      verbs: subVerbs,
    });
  }
  return entries;
}

/** `/api/v1` and `/apis/<group>/<version>`: the APIResourceList of one group version. */
export function apiResourceList(
  registry: ResourceRegistry,
  group: string,
  version: string,
): JsonObject {
  const types = registry.all().filter((t) => t.group === group && t.version === version);
  return {
    kind: "APIResourceList",
    apiVersion: "v1",
    groupVersion: groupVersion(group, version),
    resources: types.flatMap(resourceEntries),
  };
}
