import { deepEqual, equal, ok } from "node:assert/strict";
import { BUILTIN_TYPES } from "../../../src/sandbox/core/mod.ts";

function find(group: string, plural: string) {
  const type = BUILTIN_TYPES.find((t) => t.group === group && t.plural === plural);
  ok(type, `${plural}.${group} is served`);
  return type;
}

Deno.test("BUILTIN_TYPES serves each resource once per group and version", () => {
  const keys = BUILTIN_TYPES.map((t) => `${t.group}/${t.version}/${t.plural}`);
  equal(new Set(keys).size, keys.length);
  for (const t of BUILTIN_TYPES) equal(t.listKind, `${t.kind}List`);
});

Deno.test("BUILTIN_TYPES uses kube's short names, categories and subresources", async (t) => {
  const table: [string, string, string[], string[], boolean, boolean][] = [
    ["", "namespaces", ["ns"], [], true, false],
    ["", "pods", ["po"], ["all"], true, false],
    ["", "services", ["svc"], ["all"], true, false],
    ["", "configmaps", ["cm"], [], false, false],
    ["", "serviceaccounts", ["sa"], [], false, false],
    ["apps", "deployments", ["deploy"], ["all"], true, true],
    ["apps", "statefulsets", ["sts"], ["all"], true, true],
    ["batch", "cronjobs", ["cj"], ["all"], true, false],
    ["networking.k8s.io", "ingresses", ["ing"], [], true, false],
    [
      "apiextensions.k8s.io",
      "customresourcedefinitions",
      ["crd", "crds"],
      ["api-extensions"],
      true,
      false,
    ],
    ["autoscaling", "horizontalpodautoscalers", ["hpa"], ["all"], true, false],
    ["gateway.networking.k8s.io", "httproutes", [], ["gateway-api"], true, false],
  ];
  for (const [group, plural, shortNames, categories, status, scale] of table) {
    await t.step(`${plural}.${group}`, () => {
      const type = find(group, plural);
      deepEqual(type.shortNames, shortNames);
      deepEqual(type.categories, categories);
      equal(type.statusSubresource, status);
      equal(type.scaleSubresource, scale);
    });
  }
});

Deno.test("BUILTIN_TYPES declares the pod-spec list-map keys wherever a pod template lives", async (t) => {
  const table: [string, string, string][] = [
    ["", "pods", "spec."],
    ["apps", "deployments", "spec.template.spec."],
    ["apps", "daemonsets", "spec.template.spec."],
    ["batch", "jobs", "spec.template.spec."],
    ["batch", "cronjobs", "spec.jobTemplate.spec.template.spec."],
  ];
  for (const [group, plural, prefix] of table) {
    await t.step(plural, () => {
      const keys = find(group, plural).listMapKeys;
      deepEqual(keys[`${prefix}containers`], ["name"]);
      deepEqual(keys[`${prefix}initContainers`], ["name"]);
      deepEqual(keys[`${prefix}containers.ports`], ["containerPort", "protocol"]);
      deepEqual(keys[`${prefix}containers.env`], ["name"]);
      deepEqual(keys[`${prefix}containers.volumeMounts`], ["mountPath"]);
      deepEqual(keys[`${prefix}volumes`], ["name"]);
      deepEqual(keys[`${prefix}imagePullSecrets`], ["name"]);
      deepEqual(keys[`${prefix}hostAliases`], ["ip"]);
    });
  }
  await t.step("metadata, conditions and atomic RBAC rules", () => {
    const deploy = find("apps", "deployments");
    deepEqual(deploy.listMapKeys["metadata.ownerReferences"], ["uid"]);
    deepEqual(deploy.listMapKeys["status.conditions"], ["type"]);
    ok(deploy.listSets.includes("metadata.finalizers"));
    equal(find("rbac.authorization.k8s.io", "clusterroles").listMapKeys["rules"], undefined);
  });
});
