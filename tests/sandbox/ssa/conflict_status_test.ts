import { deepEqual, equal } from "node:assert/strict";
import { type ApplyConflict, conflictError, conflictStatus } from "../../../src/sandbox/ssa/mod.ts";
import type { JsonObject } from "../../../src/sandbox/types.ts";
import { applied, conflicted, deployment, T0, updated } from "./_fixtures.ts";

const update = (
  manager: string,
  field: string,
  extra: Partial<ApplyConflict> = {},
): ApplyConflict => ({
  manager,
  operation: "Update",
  apiVersion: "apps/v1",
  field,
  ...extra,
});
const apply = (manager: string, field: string): ApplyConflict => ({
  manager,
  operation: "Apply",
  apiVersion: "apps/v1",
  field,
});

Deno.test("conflictStatus() words the 409 message exactly as kube-apiserver", async (t) => {
  const cases: { name: string; conflicts: ApplyConflict[]; message: string }[] = [
    {
      name: "one conflict with an Update manager",
      conflicts: [update("kubectl-client-side-apply", ".spec.replicas")],
      message: 'Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using ' +
        "apps/v1: .spec.replicas",
    },
    {
      name: "one conflict with an Apply manager",
      conflicts: [apply("helm", ".spec.replicas")],
      message: 'Apply failed with 1 conflict: conflict with "helm": .spec.replicas',
    },
    {
      name: "the time of the owner is never printed",
      conflicts: [update("kubectl", ".spec.paused", { time: T0 })],
      message: 'Apply failed with 1 conflict: conflict with "kubectl" using apps/v1: .spec.paused',
    },
    {
      name: "several conflicts with one manager",
      conflicts: [update("mgr", ".a"), update("mgr", ".b")],
      message: 'Apply failed with 2 conflicts: conflicts with "mgr" using apps/v1:\n- .a\n- .b',
    },
    {
      name: "several managers, grouped and sorted",
      conflicts: [update("b", ".y"), apply("a", ".x"), update("b", ".z")],
      message: 'Apply failed with 3 conflicts: conflicts with "a":\n- .x\n' +
        'conflicts with "b" using apps/v1:\n- .y\n- .z',
    },
    {
      name: "a status subresource manager",
      conflicts: [update("ctrl", ".status.phase", { subresource: "status" })],
      message: 'Apply failed with 1 conflict: conflict with "ctrl" with subresource "status" ' +
        "using apps/v1: .status.phase",
    },
  ];
  for (const c of cases) {
    await t.step(c.name, () => equal(conflictStatus(c.conflicts).message, c.message));
  }
});

Deno.test("conflictStatus() gives one FieldManagerConflict cause per field", () => {
  const { causes } = conflictStatus([update("kubectl", ".spec.replicas"), apply("helm", ".data")]);
  deepEqual(causes, [
    {
      type: "FieldManagerConflict",
      message: 'conflict with "kubectl" using apps/v1',
      field: ".spec.replicas",
    },
    { type: "FieldManagerConflict", message: 'conflict with "helm"', field: ".data" },
  ]);
});

Deno.test("conflictError() builds the complete 409 Status of a real apply conflict", () => {
  const live = applied(undefined, deployment({ replicas: 2 }), "nopea");
  const edited = updated(live, { ...live, spec: { replicas: 5 } }, "kubectl-edit");
  const status = conflictError(conflicted(edited, deployment({ replicas: 3 }), "nopea")).toStatus();
  deepEqual(
    status,
    {
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message:
        'Apply failed with 1 conflict: conflict with "kubectl-edit" using apps/v1: .spec.replicas',
      reason: "Conflict",
      details: {
        causes: [{
          type: "FieldManagerConflict",
          message: 'conflict with "kubectl-edit" using apps/v1',
          field: ".spec.replicas",
        }],
      },
      code: 409,
    } satisfies JsonObject,
  );
});
