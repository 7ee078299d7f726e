import { deepEqual, equal, ok } from "node:assert/strict";
import type { KubeObject } from "../../src/manifests/mod.ts";
import { type DriftClass, threeWayDiff, type ThreeWayDiffOptions } from "../../src/drift/mod.ts";
import {
  deployment,
  type DeploymentOptions,
  entry,
  liveDeployment,
  nopeaFields,
  secret,
} from "./_objects.ts";

const IMAGE = '.spec.template.spec.containers[name="app"].image';
const MEMORY = '.spec.template.spec.containers[name="app"].resources.limits.memory';
const imageOwnedBy = (manager: string) =>
  entry(manager, {
    "f:spec": {
      "f:template": { "f:spec": { "f:containers": { 'k:{"name":"app"}': { "f:image": {} } } } },
    },
  });
const replicasOwnedBy = (manager: string) =>
  entry(manager, { "f:spec": { "f:replicas": {} } }, { subresource: "scale" });
/** Live after someone else changed the image: they own it now, Nopea no longer does. */
const liveEditedBy = (manager: string, options: DeploymentOptions) =>
  liveDeployment(options, [entry("nopea", nopeaFields({ image: false })), imageOwnedBy(manager)]);

Deno.test("threeWayDiff() classifies each kind of drift", async (t) => {
  const cases: {
    name: string;
    last: KubeObject | undefined;
    desired: KubeObject;
    live: KubeObject | undefined;
    drift: DriftClass;
    fields: [path: string, changed: string][];
  }[] = [
    {
      name: "no_drift when all three agree (server defaults and status aside)",
      last: deployment(),
      desired: deployment(),
      live: liveDeployment(),
      drift: "no_drift",
      fields: [],
    },
    {
      name: "desired_changed when only the manifest moved",
      last: deployment(),
      desired: deployment({ image: "api:2" }),
      live: liveDeployment(),
      drift: "desired_changed",
      fields: [[IMAGE, "desired"]],
    },
    {
      name: "manual_drift when only the cluster moved (kubectl set image)",
      last: deployment(),
      desired: deployment(),
      live: liveEditedBy("kubectl-set", { image: "api:hotfix" }),
      drift: "manual_drift",
      fields: [[IMAGE, "live"]],
    },
    {
      name: "conflict when manifest and cluster changed the same field differently",
      last: deployment(),
      desired: deployment({ image: "api:2" }),
      live: liveEditedBy("kubectl-edit", { image: "api:hotfix" }),
      drift: "conflict",
      fields: [[IMAGE, "both"]],
    },
    {
      name: "conflict when manifest and cluster changed different fields",
      last: deployment(),
      desired: deployment({ memory: "512Mi" }),
      live: liveEditedBy("kubectl-edit", { image: "api:hotfix" }),
      drift: "conflict",
      fields: [[IMAGE, "live"], [MEMORY, "desired"]],
    },
    {
      name: "no_drift when manifest and cluster moved to the same value",
      last: deployment(),
      desired: deployment({ image: "api:2" }),
      live: liveDeployment({ image: "api:2" }),
      drift: "no_drift",
      fields: [],
    },
    {
      name: "desired_changed against the live object when nothing was recorded",
      last: undefined,
      desired: deployment({ image: "api:2" }),
      live: liveDeployment(),
      drift: "desired_changed",
      fields: [[IMAGE, "desired"]],
    },
    {
      name: "desired_changed when the manifest dropped a field it had set",
      last: deployment({ sidecarImage: "envoy:1" }),
      desired: deployment(),
      live: liveDeployment({ sidecarImage: "envoy:1" }),
      drift: "desired_changed",
      fields: [
        ['.spec.template.spec.containers[name="sidecar"].image', "desired"],
        ['.spec.template.spec.containers[name="sidecar"].name', "desired"],
      ],
    },
  ];
  for (const c of cases) {
    await t.step(c.name, () => {
      const result = threeWayDiff(c.last, c.desired, c.live);
      equal(result.drift, c.drift);
      equal(result.key, "Deployment.apps/prod/api");
      deepEqual(result.fields.map((f) => [f.path, f.changed]), c.fields);
    });
  }
});

Deno.test("threeWayDiff() reports missing and new objects with the manifest's fields", async (t) => {
  await t.step("missing when applied before and deleted live", () => {
    const result = threeWayDiff(deployment(), deployment(), undefined);
    equal(result.drift, "missing");
    const image = result.fields.find((f) => f.path === IMAGE);
    deepEqual(image, { path: IMAGE, last: "api:1", desired: "api:1", changed: "live", owners: [] });
  });
  await t.step("new when never applied and absent live", () => {
    const result = threeWayDiff(undefined, deployment(), undefined);
    equal(result.drift, "new");
    deepEqual(result.fields.find((f) => f.path === ".spec.replicas"), {
      path: ".spec.replicas",
      desired: 2,
      changed: "desired",
      owners: [],
    });
  });
});

Deno.test("threeWayDiff() reports the values and owners of a manual change", () => {
  const result = threeWayDiff(
    deployment(),
    deployment(),
    liveEditedBy("kubectl-set", { image: "api:hotfix" }),
  );
  deepEqual(result.fields, [{
    path: IMAGE,
    last: "api:1",
    desired: "api:1",
    live: "api:hotfix",
    changed: "live",
    owners: ["kubectl-set"],
  }]);
});

Deno.test("threeWayDiff() never counts fields an HPA owns through /scale", async (t) => {
  const live = (manager: string) =>
    liveDeployment({ replicas: 5 }, [
      entry("nopea", nopeaFields({ replicas: false })),
      replicasOwnedBy(manager),
    ]);
  await t.step("replicas scaled by kube-controller-manager are not drift", () => {
    equal(
      threeWayDiff(deployment(), deployment(), live("kube-controller-manager")).drift,
      "no_drift",
    );
  });
  await t.step("the same change by kubectl scale is manual drift", () => {
    const result = threeWayDiff(deployment(), deployment(), live("kubectl-scale"));
    equal(result.drift, "manual_drift");
    deepEqual(result.fields.map((f) => [f.path, f.live, f.owners]), [[
      ".spec.replicas",
      5,
      ["kubectl-scale"],
    ]]);
  });
  await t.step("a manifest change of replicas still shows, as a desired change", () => {
    const result = threeWayDiff(
      deployment(),
      deployment({ replicas: 3 }),
      live("kube-controller-manager"),
    );
    equal(result.drift, "desired_changed");
    deepEqual(result.fields.map((f) => [f.path, f.desired, f.live]), [[".spec.replicas", 3, 5]]);
  });
});

Deno.test("threeWayDiff() ignores live changes by trusted managers", async (t) => {
  const live = liveEditedBy("flux-image-automation", { image: "api:1.0.1" });
  const cases: { name: string; options: ThreeWayDiffOptions; drift: DriftClass }[] = [
    { name: "an untrusted manager's change is drift", options: {}, drift: "manual_drift" },
    {
      name: "a trusted manager's change is not",
      options: { trustedManagers: ["flux-image-automation"] },
      drift: "no_drift",
    },
    {
      name: "trusting another manager changes nothing",
      options: { trustedManagers: ["argocd"] },
      drift: "manual_drift",
    },
    {
      name: "a manager named as Nopea's own always counts, even if trusted",
      options: { trustedManagers: ["flux-image-automation"], manager: "flux-image-automation" },
      drift: "manual_drift",
    },
  ];
  for (const c of cases) {
    await t.step(c.name, () => {
      equal(threeWayDiff(deployment(), deployment(), live, c.options).drift, c.drift);
    });
  }
});

Deno.test("threeWayDiff() skips fields matched by ignore rules", async (t) => {
  const live = liveDeployment({ replicas: 4, image: "api:hotfix" });
  const cases: { name: string; ignore: ThreeWayDiffOptions["ignore"]; paths: string[] }[] = [
    { name: "no rules", ignore: [], paths: [".spec.replicas", IMAGE] },
    {
      name: "exact path for the kind",
      ignore: [{ kind: "Deployment", path: ".spec.replicas" }],
      paths: [IMAGE],
    },
    { name: "path without a leading dot", ignore: [{ path: "spec.replicas" }], paths: [IMAGE] },
    {
      name: "rule for another kind",
      ignore: [{ kind: "StatefulSet", path: ".spec.replicas" }],
      paths: [".spec.replicas", IMAGE],
    },
    {
      name: "prefix covers everything below",
      ignore: [{ path: ".spec.template" }],
      paths: [".spec.replicas"],
    },
    {
      name: "[*] matches any item",
      ignore: [{ path: ".spec.template.spec.containers[*].image" }],
      paths: [".spec.replicas"],
    },
    {
      name: "a prefix must end at a field boundary",
      ignore: [{ path: ".spec.rep" }],
      paths: [".spec.replicas", IMAGE],
    },
  ];
  for (const c of cases) {
    await t.step(c.name, () => {
      const result = threeWayDiff(deployment(), deployment(), live, { ignore: c.ignore ?? [] });
      deepEqual(result.fields.map((f) => f.path), c.paths);
    });
  }
});

Deno.test("threeWayDiff() never counts defaulted fields the manifest did not set", () => {
  const live = liveDeployment();
  const spec = live.spec as Record<string, unknown>;
  spec.revisionHistoryLimit = 3;
  spec.strategy = { type: "Recreate" };
  live.metadata.managedFields?.push(entry("kubectl-edit", {
    "f:spec": { "f:revisionHistoryLimit": {}, "f:strategy": { "f:type": {} } },
  }));
  equal(threeWayDiff(deployment(), deployment(), live).drift, "no_drift");
});

Deno.test("threeWayDiff() compares resource quantities by amount", async (t) => {
  const cases: {
    name: string;
    desired: DeploymentOptions;
    live: DeploymentOptions;
    drift: DriftClass;
  }[] = [
    {
      name: '"500m" equals "0.5"',
      desired: { cpu: "500m" },
      live: { cpu: "0.5" },
      drift: "no_drift",
    },
    { name: '"1" equals 1', desired: { cpu: 1 }, live: { cpu: "1" }, drift: "no_drift" },
    {
      name: '"1Gi" equals "1024Mi"',
      desired: { memory: "1Gi" },
      live: { memory: "1024Mi" },
      drift: "no_drift",
    },
    {
      name: '"1G" differs from "1Gi"',
      desired: { memory: "1G" },
      live: { memory: "1Gi" },
      drift: "manual_drift",
    },
  ];
  for (const c of cases) {
    await t.step(c.name, () => {
      const result = threeWayDiff(
        deployment(c.desired),
        deployment(c.desired),
        liveDeployment(c.live),
      );
      equal(result.drift, c.drift);
    });
  }
});

Deno.test("threeWayDiff() shows a list-map item change at the item's path", async (t) => {
  await t.step("the sidecar's image, not the first container's", () => {
    const result = threeWayDiff(
      deployment({ sidecarImage: "envoy:1" }),
      deployment({ sidecarImage: "envoy:2" }),
      liveDeployment({ sidecarImage: "envoy:1" }),
    );
    deepEqual(result.fields.map((f) => [f.path, f.last, f.desired]), [[
      '.spec.template.spec.containers[name="sidecar"].image',
      "envoy:1",
      "envoy:2",
    ]]);
  });
  await t.step("reordered containers are not drift", () => {
    const live = liveDeployment({ sidecarImage: "envoy:1" });
    const podSpec = (live.spec as { template: { spec: { containers: unknown[] } } }).template.spec;
    podSpec.containers.reverse();
    equal(
      threeWayDiff(
        deployment({ sidecarImage: "envoy:1" }),
        deployment({ sidecarImage: "envoy:1" }),
        live,
      ).drift,
      "no_drift",
    );
  });
});

Deno.test("threeWayDiff() compares Secret values by hash and never echoes them", async (t) => {
  await t.step("a changed password is reported masked", () => {
    const result = threeWayDiff(
      secret({ password: "s3cret-old" }),
      secret({ password: "s3cret-old" }),
      secret({ password: "s3cret-new" }),
    );
    equal(result.drift, "manual_drift");
    const text = JSON.stringify(result);
    for (const raw of ["s3cret-old", "s3cret-new", btoa("s3cret-old"), btoa("s3cret-new")]) {
      equal(text.includes(raw), false, `${raw} leaked`);
    }
    const [field] = result.fields;
    equal(field?.path, ".data.password");
    ok(String(field?.live).match(/^<secret sha256:[0-9a-f]{8}…>$/));
    ok(field?.live !== field?.last);
  });
  await t.step("stringData in the manifest equals the same value stored as data", () => {
    const result = threeWayDiff(
      secret({ password: "pw" }, true),
      secret({ password: "pw" }, true),
      secret({ password: "pw" }),
    );
    equal(result.drift, "no_drift");
  });
});
