/**
 * Kubernetes protobuf bodies (issue "sandbox fidelity", item 3), as kubectl and client-go send
 * them: a built-in kind in the `k8s\0` envelope is decoded and stored; a kind with no vendored
 * definition gets a 415 that says to use `kubectl apply`.
 */
import { deepEqual, equal, match } from "node:assert/strict";
import protobuf from "protobufjs";
import { SandboxCore } from "../../../src/sandbox/core/mod.ts";
import { systemClock } from "../../../src/shared/mod.ts";
import { decodeProtobuf, loadKubernetesProto } from "../../../src/sandbox/http/_protobuf.ts";
import { startHarness } from "./_harness.ts";

async function kubeProto(): Promise<protobuf.Root> {
  const json = await import("../../../src/sandbox/http/vendor/kubernetes/proto.json", {
    with: { type: "json" },
  });
  return protobuf.Root.fromJSON(json.default as protobuf.INamespace);
}

/** The `k8s\0` envelope around `object`, encoded as kubectl does. */
async function envelope(
  apiVersion: string,
  kind: string,
  raw: Uint8Array,
): Promise<Uint8Array<ArrayBuffer>> {
  const unknown = (await kubeProto()).lookupType("k8s.io.apimachinery.pkg.runtime.Unknown");
  const body = unknown.encode({ typeMeta: { apiVersion, kind }, raw }).finish();
  return new Uint8Array([0x6b, 0x38, 0x73, 0x00, ...body]);
}

Deno.test("protobuf: a built-in kind is decoded, another kind gets a 415 naming kubectl apply", async () => {
  await using h = await startHarness({ api: new SandboxCore({ clock: systemClock }) });
  const configMap = (await kubeProto()).lookupType("k8s.io.api.core.v1.ConfigMap");
  const raw = configMap.encode({ metadata: { name: "pb" }, data: { a: "1", empty: "" } }).finish();
  const headers = { "content-type": "application/vnd.kubernetes.protobuf" };
  const created = await h.request("/api/v1/namespaces/default/configmaps", {
    method: "POST",
    headers,
    body: await envelope("v1", "ConfigMap", raw),
  });
  equal(created.status, 201, await created.clone().text());
  deepEqual((await created.json()).data, { a: "1", empty: "" });
  const crd = await h.request("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", {
    method: "POST",
    headers,
    body: await envelope("apiextensions.k8s.io/v1", "CustomResourceDefinition", new Uint8Array()),
  });
  equal(crd.status, 415);
  match(
    (await crd.json()).message,
    /no protobuf definition for CustomResourceDefinition .*kubectl apply -f/,
  );
});

Deno.test("protobuf: kube's special messages decode to their JSON forms", async () => {
  await loadKubernetesProto();
  const root = await kubeProto();
  const deployment = root.lookupType("k8s.io.api.apps.v1.Deployment").encode({
    metadata: { name: "d", creationTimestamp: { seconds: 0 }, generation: 0 },
    spec: {
      replicas: 0,
      paused: false,
      strategy: { rollingUpdate: { maxSurge: { type: 1, strVal: "50%" }, maxUnavailable: {} } },
      template: {
        spec: {
          containers: [{
            name: "c",
            image: "nginx",
            resources: { limits: { cpu: { string: "500m" } } },
            ports: [{ containerPort: 80 }],
          }],
        },
      },
    },
  }).finish();
  const decoded = decodeProtobuf(await envelope("apps/v1", "Deployment", deployment));
  deepEqual(decoded, {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "d" },
    spec: {
      replicas: 0,
      strategy: { rollingUpdate: { maxSurge: "50%", maxUnavailable: 0 } },
      template: {
        spec: {
          containers: [{
            name: "c",
            image: "nginx",
            resources: { limits: { cpu: "500m" } },
            ports: [{ containerPort: 80 }],
          }],
        },
      },
    },
  });
  const secret = root.lookupType("k8s.io.api.core.v1.Secret").encode({
    metadata: { name: "s", creationTimestamp: { seconds: 1767225600 } },
    data: { key: new TextEncoder().encode("pin") },
  }).finish();
  deepEqual(decodeProtobuf(await envelope("v1", "Secret", secret)), {
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name: "s", creationTimestamp: "2026-01-01T00:00:00Z" },
    data: { key: btoa("pin") },
  });
});
