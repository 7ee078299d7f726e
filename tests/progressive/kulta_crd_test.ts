import { deepEqual, equal } from "node:assert/strict";
import { KULTA_CRD } from "../../src/progressive/mod.ts";
import { startHttpSandbox } from "../../src/testing/mod.ts";

Deno.test("KULTA_CRD installs rollouts.kulta.io v1alpha1 with its status subresource", async () => {
  await using h = await startHttpSandbox();
  equal(await h.cluster.discover("kulta.io/v1alpha1", "Rollout"), undefined);
  const crd = await h.cluster.apply(KULTA_CRD, { fieldManager: "kulta-installer" });
  equal(crd.metadata.name, "rollouts.kulta.io");
  const info = await h.cluster.discover("kulta.io/v1alpha1", "Rollout");
  deepEqual(info, {
    group: "kulta.io",
    version: "v1alpha1",
    kind: "Rollout",
    plural: "rollouts",
    namespaced: true,
    subresources: ["status"],
  });
});
