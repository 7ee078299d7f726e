import { deepEqual } from "node:assert/strict";
import type { KubeObject } from "../../src/manifests/mod.ts";
import { formatPath, ownedFields } from "../../src/drift/mod.ts";
import { entry, liveDeployment, nopeaFields } from "./_objects.ts";

function withFields(...entries: ReturnType<typeof entry>[]): KubeObject {
  return { apiVersion: "v1", kind: "Pod", metadata: { name: "web", managedFields: entries } };
}

Deno.test("ownedFields() reads each kind of FieldsV1 key", async (t) => {
  const cases: { name: string; fieldsV1: Record<string, unknown>; paths: string[] }[] = [
    { name: "f: fields", fieldsV1: { "f:spec": { "f:replicas": {} } }, paths: [".spec.replicas"] },
    {
      name: "k: list-map items, with . for the item itself",
      fieldsV1: {
        "f:spec": {
          "f:ports": { 'k:{"port":80,"protocol":"TCP"}': { ".": {}, "f:port": {} } },
        },
      },
      paths: ['.spec.ports[port=80,protocol="TCP"]', '.spec.ports[port=80,protocol="TCP"].port'],
    },
    {
      name: "v: set items",
      fieldsV1: { "f:metadata": { "f:finalizers": { ".": {}, 'v:"example.com/cleanup"': {} } } },
      paths: [".metadata.finalizers", '.metadata.finalizers[="example.com/cleanup"]'],
    },
    { name: "i: list indexes", fieldsV1: { "f:args": { "i:0": {} } }, paths: [".args[0]"] },
    {
      name: "malformed keys are skipped",
      fieldsV1: { "f:a": { "k:{oops": {}, "x:y": {}, "i:-1": {} }, "f:b": {} },
      paths: [".b"],
    },
  ];
  for (const c of cases) {
    await t.step(c.name, () => {
      deepEqual(
        ownedFields(withFields(entry("nopea", c.fieldsV1)), "nopea").map(formatPath),
        c.paths,
      );
    });
  }
});

Deno.test("ownedFields() unites a manager's entries and leaves out other managers", () => {
  const obj = withFields(
    entry("nopea", { "f:spec": { "f:replicas": {} } }),
    entry("nopea", { "f:spec": { "f:replicas": {}, "f:paused": {} } }, { subresource: "scale" }),
    entry("kubectl-edit", { "f:spec": { "f:minReadySeconds": {} } }),
  );
  deepEqual(ownedFields(obj, "nopea").map(formatPath), [".spec.replicas", ".spec.paused"]);
  deepEqual(ownedFields(obj, "kube-controller-manager"), []);
});

Deno.test("ownedFields() lists the leaves Nopea's apply of a Deployment owns", () => {
  const live = liveDeployment({}, [entry("nopea", nopeaFields())]);
  const app = '.spec.template.spec.containers[name="app"]';
  deepEqual(ownedFields(live, "nopea").map(formatPath), [
    ".metadata.labels.app",
    ".spec.selector",
    ".spec.template.metadata.labels.app",
    app,
    `${app}.name`,
    `${app}.resources.limits.cpu`,
    `${app}.resources.limits.memory`,
    `${app}.image`,
    ".spec.replicas",
  ]);
});

Deno.test("ownedFields() is empty without managedFields", () => {
  deepEqual(ownedFields({ apiVersion: "v1", kind: "Pod", metadata: { name: "web" } }, "nopea"), []);
});
