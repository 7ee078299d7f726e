import { deepEqual, equal, ok } from "node:assert/strict";
import { compareKubeVersions, SandboxRegistry } from "../../../src/sandbox/core/mod.ts";
import type { JsonObject } from "../../../src/sandbox/types.ts";
import { metaOf, newCore, scope, statusOf, widgetCrd } from "./_fixtures.ts";

const CRDS = scope("customresourcedefinitions");
const widgets = (version = "v1", extra = {}) => ({
  group: "example.com",
  version,
  plural: "widgets",
  namespace: "default",
  ...extra,
});

function conditions(crd: JsonObject): Record<string, JsonObject> {
  const list = (crd["status"] as { conditions: JsonObject[] }).conditions;
  return Object.fromEntries(list.map((c) => [String(c["type"]), c]));
}

Deno.test("SandboxRegistry serves the builtin kinds with kube's names", () => {
  const registry = new SandboxRegistry();
  const deploy = registry.find("apps", "v1", "deployments");
  deepEqual(deploy?.shortNames, ["deploy"]);
  deepEqual(deploy?.categories, ["all"]);
  equal(deploy?.statusSubresource, true);
  equal(deploy?.scaleSubresource, true);
  equal(registry.findKind("", "v1", "Namespace")?.namespaced, false);
  equal(registry.find("gateway.networking.k8s.io", "v1", "httproutes")?.kind, "HTTPRoute");
  equal(registry.groups()[0]?.group, "");
  deepEqual(registry.find("", "v1", "services")?.listMapKeys["spec.ports"], ["port", "protocol"]);
  deepEqual(
    registry.find("batch", "v1", "cronjobs")?.listMapKeys[
      "spec.jobTemplate.spec.template.spec.containers"
    ],
    ["name"],
  );
});

Deno.test("compareKubeVersions() orders GA, beta, alpha, then others", () => {
  deepEqual(
    ["foo", "v1alpha1", "v1", "v2beta1", "v1beta2", "v2"].sort(compareKubeVersions),
    ["v2", "v1", "v2beta1", "v1beta2", "v1alpha1", "foo"],
  );
});

Deno.test("SandboxCore registers a created CRD and reports it Established", () => {
  const { core } = newCore();
  const crd = core.create(CRDS, widgetCrd());
  const c = conditions(crd);
  equal(c["NamesAccepted"]?.["status"], "True");
  equal(c["NamesAccepted"]?.["reason"], "NoConflicts");
  equal(c["Established"]?.["status"], "True");
  equal(c["Established"]?.["reason"], "InitialNamesAccepted");
  const status = crd["status"] as JsonObject;
  deepEqual(status["storedVersions"], ["v1"]);
  equal((status["acceptedNames"] as JsonObject)["kind"], "Widget");
  const type = core.registry.find("example.com", "v1", "widgets");
  equal(type?.crd, "widgets.example.com");
  deepEqual(type?.listMapKeys["spec.ports"], ["port"]);
  ok(type?.listSets.includes("spec.tags"));
  deepEqual(core.registry.groups().find((g) => g.group === "example.com"), {
    group: "example.com",
    versions: ["v1", "v1beta1"],
    preferredVersion: "v1",
  });
});

Deno.test("SandboxCore stores custom resources once across served versions", () => {
  const { core } = newCore();
  core.create(CRDS, widgetCrd());
  core.create(widgets(), { apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "w" } });
  const read = core.get(widgets("v1beta1", { name: "w" }));
  equal(read["apiVersion"], "example.com/v1beta1");
  equal(metaOf(read)["name"], "w");
});

Deno.test("SandboxCore refuses a CRD whose names clash with another CRD's", () => {
  const { core } = newCore();
  core.create(CRDS, widgetCrd());
  const clash = widgetCrd();
  clash["metadata"] = { name: "gadgets.example.com" };
  const spec = clash["spec"] as JsonObject;
  spec["names"] = {
    ...(spec["names"] as JsonObject),
    plural: "gadgets",
    singular: "gadget",
    shortNames: [],
  };
  const c = conditions(core.create(CRDS, clash));
  equal(c["NamesAccepted"]?.["status"], "False");
  equal(c["NamesAccepted"]?.["reason"], "KindConflict");
  equal(c["NamesAccepted"]?.["message"], '"Widget" is already in use');
  equal(c["Established"]?.["status"], "False");
  equal(core.registry.find("example.com", "v1", "gadgets"), undefined);
});

Deno.test("SandboxCore rejects an invalid CRD with 422", () => {
  const { core } = newCore();
  const crd = widgetCrd();
  crd["metadata"] = { name: "wrong.example.com" };
  const status = statusOf(() => core.create(CRDS, crd));
  equal(status["code"], 422);
  equal(
    status["message"],
    'CustomResourceDefinition.apiextensions.k8s.io "wrong.example.com" is invalid: ' +
      'metadata.name: Invalid value: "wrong.example.com": must be spec.names.plural+"."+spec.group',
  );
});

Deno.test("SandboxCore.delete() of a CRD stops serving it and deletes its objects", () => {
  const { core } = newCore();
  core.create(CRDS, widgetCrd());
  core.create(widgets(), { metadata: { name: "w" } });
  core.delete(scope("customresourcedefinitions", { name: "widgets.example.com" }));
  equal(core.registry.find("example.com", "v1", "widgets"), undefined);
  equal(
    statusOf(() => core.get(widgets("v1", { name: "w" })))["message"],
    "the server could not find the requested resource",
  );
  core.create(CRDS, widgetCrd());
  equal((core.list(widgets())["items"] as unknown[]).length, 0);
});
