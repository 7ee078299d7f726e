import { deepEqual, equal, ok } from "node:assert/strict";
import type { JsonObject } from "../../../src/sandbox/types.ts";
import { deployment, metaOf, newCore, scope, statusOf } from "./_fixtures.ts";

const D = scope("deployments", { name: "web" });

function withReplicas(replicas: number): JsonObject {
  const d = deployment("web");
  (d["spec"] as JsonObject)["replicas"] = replicas;
  return d;
}

function managers(obj: JsonObject): string[] {
  return (metaOf(obj)["managedFields"] as JsonObject[]).map((e) =>
    `${e["manager"]}/${e["operation"]}`
  );
}

Deno.test("SandboxCore.patch(apply) creates (201) then updates (200)", () => {
  const { core } = newCore();
  const first = core.patch(D, "apply", deployment("web"), { fieldManager: "nopea" });
  equal(first.created, true);
  deepEqual(managers(first.object), ["nopea/Apply"]);
  const second = core.patch(D, "apply", withReplicas(2), { fieldManager: "nopea" });
  equal(second.created, false);
  equal((second.object["spec"] as JsonObject)["replicas"], 2);
  equal(metaOf(second.object)["generation"], 2);
});

Deno.test("SandboxCore.patch(apply) of an unchanged configuration is a no-op", () => {
  const { core, clock } = newCore();
  const first = core.patch(D, "apply", deployment("web"), { fieldManager: "nopea" }).object;
  clock.advance(60_000);
  const again = core.patch(D, "apply", deployment("web"), { fieldManager: "nopea" }).object;
  equal(metaOf(again)["resourceVersion"], metaOf(first)["resourceVersion"]);
});

Deno.test("SandboxCore.patch(apply) leaves defaulted fields unowned", () => {
  const { core } = newCore();
  const obj = core.patch(D, "apply", deployment("web"), { fieldManager: "nopea" }).object;
  equal((obj["spec"] as JsonObject)["replicas"], 1);
  const fields = (metaOf(obj)["managedFields"] as JsonObject[])[0]?.["fieldsV1"] as JsonObject;
  equal((fields["f:spec"] as JsonObject)["f:replicas"], undefined);
  const other = core.patch(D, "apply", withReplicas(3), { fieldManager: "hpa" });
  equal((other.object["spec"] as JsonObject)["replicas"], 3);
});

Deno.test("SandboxCore.patch(apply) reports conflicts as 409 with one cause per field", () => {
  const { core } = newCore();
  core.patch(D, "apply", withReplicas(2), { fieldManager: "nopea" });
  core.patch(D, "merge", { spec: { replicas: 5 } }, { fieldManager: "kubectl-edit" });
  const status = statusOf(() => core.patch(D, "apply", withReplicas(3), { fieldManager: "nopea" }));
  equal(status["code"], 409);
  equal(status["reason"], "Conflict");
  equal(
    status["message"],
    'Apply failed with 1 conflict: conflict with "kubectl-edit" using apps/v1: .spec.replicas',
  );
  deepEqual(status["details"], {
    causes: [{
      type: "FieldManagerConflict",
      message: 'conflict with "kubectl-edit" using apps/v1',
      field: ".spec.replicas",
    }],
  });
});

Deno.test("SandboxCore.patch(apply) with force takes ownership of conflicting fields", () => {
  const { core } = newCore();
  core.patch(D, "apply", withReplicas(2), { fieldManager: "nopea" });
  core.patch(D, "merge", { spec: { replicas: 5 } }, { fieldManager: "kubectl-edit" });
  const out = core.patch(D, "apply", withReplicas(3), { fieldManager: "nopea", force: true });
  equal((out.object["spec"] as JsonObject)["replicas"], 3);
  ok(!managers(out.object).includes("kubectl-edit/Update"));
});

Deno.test("SandboxCore.patch(apply) to /status sets only status", () => {
  const { core } = newCore();
  core.patch(D, "apply", deployment("web"), { fieldManager: "nopea" });
  const out = core.patch({ ...D, subresource: "status" }, "apply", {
    ...withReplicas(9),
    status: { replicas: 1 },
  }, { fieldManager: "controller" });
  deepEqual(out.object["status"], { replicas: 1 });
  equal((out.object["spec"] as JsonObject)["replicas"], 1);
  const entry = (metaOf(out.object)["managedFields"] as JsonObject[]).find((e) =>
    e["manager"] === "controller"
  );
  equal(entry?.["subresource"], "status");
});

Deno.test("SandboxCore.patch(apply) to a missing object's /status is 404", () => {
  const { core } = newCore();
  const status = statusOf(() =>
    core.patch({ ...D, subresource: "status" }, "apply", deployment("web"), { fieldManager: "m" })
  );
  equal(status["message"], 'deployments.apps "web" not found');
});
