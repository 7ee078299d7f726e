import { deepEqual, equal } from "node:assert/strict";
import type { SandboxCore } from "../../../src/sandbox/core/mod.ts";
import { configMap, deployment, newCore, scope, statusOf } from "./_fixtures.ts";

const SUBDOMAIN = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric " +
  "characters, '-' or '.', and must start and end with an alphanumeric character (e.g. " +
  "'example.com', regex used for validation is " +
  "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

interface Case {
  name: string;
  call: (core: SandboxCore) => unknown;
  code: number;
  reason: string;
  message: string;
  details?: Record<string, unknown>;
}

const cases: Case[] = [
  {
    name: "an unknown resource is 404 NotFound",
    call: (c) => c.get({ group: "example.com", version: "v1", plural: "widgets", name: "w" }),
    code: 404,
    reason: "NotFound",
    message: "the server could not find the requested resource",
    details: {},
  },
  {
    name: "a cluster-scoped kind under a namespace is 404 NotFound",
    call: (c) => c.get({ ...scope("nodes"), namespace: "default", name: "sandbox-node" }),
    code: 404,
    reason: "NotFound",
    message: "the server could not find the requested resource",
  },
  {
    name: "a create in a missing namespace is 404 namespaces not found",
    call: (c) => c.create(scope("configmaps", { namespace: "nope" }), configMap("a")),
    code: 404,
    reason: "NotFound",
    message: 'namespaces "nope" not found',
    details: { name: "nope", kind: "namespaces" },
  },
  {
    name: "a missing object is 404 with the qualified resource",
    call: (c) => c.get(scope("deployments", { name: "x" })),
    code: 404,
    reason: "NotFound",
    message: 'deployments.apps "x" not found',
    details: { name: "x", group: "apps", kind: "deployments" },
  },
  {
    name: "a missing core object is 404 without a group",
    call: (c) => c.get(scope("configmaps", { name: "x" })),
    code: 404,
    reason: "NotFound",
    message: 'configmaps "x" not found',
    details: { name: "x", kind: "configmaps" },
  },
  {
    name: "a merge patch of a missing object is 404",
    call: (c) => c.patch(scope("configmaps", { name: "x" }), "merge", { data: {} }),
    code: 404,
    reason: "NotFound",
    message: 'configmaps "x" not found',
  },
  {
    name: "creating an existing object is 409 AlreadyExists",
    call: (c) => {
      c.create(scope("configmaps"), configMap("a"));
      c.create(scope("configmaps"), configMap("a"));
    },
    code: 409,
    reason: "AlreadyExists",
    message: 'configmaps "a" already exists',
    details: { name: "a", kind: "configmaps" },
  },
  {
    name: "a body kind other than the URL's is 400",
    call: (c) => c.create(scope("configmaps"), { ...configMap("a"), kind: "Secret" }),
    code: 400,
    reason: "BadRequest",
    message: "the kind in the data (Secret) does not match the expected kind (ConfigMap)",
  },
  {
    name: "a body apiVersion other than the URL's is 400",
    call: (c) => c.create(scope("deployments"), { ...deployment("d"), apiVersion: "apps/v1beta1" }),
    code: 400,
    reason: "BadRequest",
    message:
      "the API version in the data (apps/v1beta1) does not match the expected API version (apps/v1)",
  },
  {
    name: "a body namespace other than the URL's is 400",
    call: (c) =>
      c.create(scope("configmaps"), { ...configMap("a"), metadata: { name: "a", namespace: "x" } }),
    code: 400,
    reason: "BadRequest",
    message:
      "the namespace of the provided object does not match the namespace sent on the request",
  },
  {
    name: "a PUT whose body names another object is 400",
    call: (c) => {
      c.create(scope("configmaps"), configMap("a"));
      c.replace(scope("configmaps", { name: "a" }), configMap("b"));
    },
    code: 400,
    reason: "BadRequest",
    message: "the name of the object (b) does not match the name on the URL (a)",
  },
  {
    name: "a create without a name is 422 FieldValueRequired",
    call: (c) => c.create(scope("configmaps"), { metadata: {} }),
    code: 422,
    reason: "Invalid",
    message:
      'ConfigMap "" is invalid: metadata.name: Required value: name or generateName is required',
    details: {
      name: "",
      kind: "ConfigMap",
      causes: [{
        reason: "FieldValueRequired",
        message: "Required value: name or generateName is required",
        field: "metadata.name",
      }],
    },
  },
  {
    name: "an invalid DNS subdomain name is 422 with its cause",
    call: (c) => c.create(scope("deployments"), deployment("Bad_Name")),
    code: 422,
    reason: "Invalid",
    message:
      `Deployment.apps "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": ${SUBDOMAIN}`,
    details: {
      name: "Bad_Name",
      group: "apps",
      kind: "Deployment",
      causes: [{
        reason: "FieldValueInvalid",
        message: `Invalid value: "Bad_Name": ${SUBDOMAIN}`,
        field: "metadata.name",
      }],
    },
  },
  {
    name: "a namespace name with a dot is 422 (DNS-1123 label)",
    call: (c) => c.create(scope("namespaces"), { metadata: { name: "a.b" } }),
    code: 422,
    reason: "Invalid",
    message:
      `Namespace "a.b" is invalid: metadata.name: Invalid value: "a.b": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`,
  },
  {
    name: "a Deployment whose selector misses the template labels is 422",
    call: (c) => {
      const d = deployment("d");
      (d["spec"] as Record<string, unknown>)["selector"] = { matchLabels: { app: "other" } };
      c.create(scope("deployments"), d);
    },
    code: 422,
    reason: "Invalid",
    message: 'Deployment.apps "d" is invalid: spec.template.metadata.labels: Invalid value: ' +
      'map[string]string{"app":"d"}: `selector` does not match template `labels`',
  },
  {
    name: "a create with a resourceVersion is 400",
    call: (c) => c.create(scope("configmaps"), { metadata: { name: "a", resourceVersion: "3" } }),
    code: 400,
    reason: "BadRequest",
    message: "resourceVersion should not be set on objects to be created",
  },
  {
    name: "an apply without fieldManager is 422 as PatchOptions validation",
    call: (c) => c.patch(scope("configmaps", { name: "a" }), "apply", configMap("a")),
    code: 422,
    reason: "Invalid",
    message:
      'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
  },
  {
    name: "force on a merge patch is 422 as PatchOptions validation",
    call: (c) => {
      c.create(scope("configmaps"), configMap("a"));
      c.patch(scope("configmaps", { name: "a" }), "merge", { data: {} }, { force: true });
    },
    code: 422,
    reason: "Invalid",
    message:
      'PatchOptions.meta.k8s.io "" is invalid: force: Forbidden: may not be specified for non-apply patch',
  },
  {
    name: "managedFields in an apply body is 400",
    call: (c) =>
      c.patch(scope("configmaps", { name: "a" }), "apply", {
        ...configMap("a"),
        metadata: { name: "a", managedFields: [{ manager: "x" }] },
      }, { fieldManager: "m" }),
    code: 400,
    reason: "BadRequest",
    message: "metadata.managedFields must be nil",
  },
  {
    name: "a PUT with a stale resourceVersion is 409 Conflict",
    call: (c) => {
      const created = c.create(scope("deployments"), deployment("x"));
      const stale = structuredClone(created);
      c.patch(scope("deployments", { name: "x" }), "merge", { spec: { replicas: 2 } });
      c.replace(scope("deployments", { name: "x" }), stale);
    },
    code: 409,
    reason: "Conflict",
    message: 'Operation cannot be fulfilled on deployments.apps "x": the object has been ' +
      "modified; please apply your changes to the latest version and try again",
    details: { name: "x", group: "apps", kind: "deployments" },
  },
  {
    name: "the status subresource of a kind without one is 404",
    call: (c) => c.get(scope("configmaps", { name: "a", subresource: "status" })),
    code: 404,
    reason: "NotFound",
    message: "the server could not find the requested resource",
  },
  {
    name: "deleting the default namespace is 403 Forbidden",
    call: (c) => c.delete(scope("namespaces", { name: "default" })),
    code: 403,
    reason: "Forbidden",
    message: 'namespaces "default" is forbidden: this namespace may not be deleted',
  },
  {
    name: "an unparsable label selector is 400",
    call: (c) => c.list(scope("configmaps"), { labelSelector: "a in b" }),
    code: 400,
    reason: "BadRequest",
    message: "unable to parse requirement: found 'in', expected: '('",
  },
  {
    name: "an unsupported field selector is 400",
    call: (c) => c.list(scope("configmaps"), { fieldSelector: "spec.x=1" }),
    code: 400,
    reason: "BadRequest",
    message: 'Unable to find "v1, Resource=configmaps" that match label selector "", field ' +
      'selector "spec.x=1": "spec.x" is not a known field selector: only "metadata.name", ' +
      '"metadata.namespace"',
  },
  {
    name: "a watch from a non-numeric resourceVersion is 400",
    call: (c) => c.watch(scope("configmaps"), { resourceVersion: "abc" }, () => {}),
    code: 400,
    reason: "BadRequest",
    message: 'invalid resource version "abc"',
  },
];

Deno.test("SandboxCore rejects requests with the real server's Status", async (t) => {
  for (const c of cases) {
    await t.step(c.name, () => {
      const { core } = newCore();
      const status = statusOf(() => c.call(core));
      equal(status["kind"], "Status");
      equal(status["status"], "Failure");
      equal(status["code"], c.code);
      equal(status["reason"], c.reason);
      equal(status["message"], c.message);
      if (c.details) deepEqual(status["details"], c.details);
    });
  }
});
