/** PriorityClass checks of the sandbox core, as kube-apiserver makes them. */
import { deepEqual, equal } from "node:assert/strict";
import type { RequestScope } from "../../../src/sandbox/api_types.ts";
import type { JsonObject } from "../../../src/sandbox/types.ts";
import { newCore, statusOf } from "./_fixtures.ts";

const classes = (name?: string): RequestScope => ({
  group: "scheduling.k8s.io",
  version: "v1",
  plural: "priorityclasses",
  ...(name === undefined ? {} : { name }),
});
const priorityClass = (name: string, extra: JsonObject = {}) => ({
  metadata: { name },
  value: 10,
  ...extra,
});
const messages = (status: JsonObject) =>
  ((status["details"] as JsonObject)["causes"] as JsonObject[]).map((c) =>
    `${c["field"]}: ${c["message"]}`
  );

Deno.test("a fresh sandbox holds kube's two system PriorityClasses", () => {
  const { core } = newCore();
  const list = core.list(classes(), {})["items"] as JsonObject[];
  deepEqual(
    list.map((c) => [(c["metadata"] as JsonObject)["name"], c["value"], c["preemptionPolicy"]]),
    [
      ["system-cluster-critical", 2000000000, "PreemptLowerPriority"],
      ["system-node-critical", 2000001000, "PreemptLowerPriority"],
    ],
  );
});

Deno.test("PriorityClass: a user value above 1e9 and an unknown preemptionPolicy are 422", () => {
  const { core } = newCore();
  const status = statusOf(() =>
    core.create(
      classes(),
      priorityClass("huge", { value: 1_000_000_001, preemptionPolicy: "Always" }),
    )
  );
  equal(status["code"], 422);
  deepEqual(messages(status), [
    "value: Forbidden: maximum allowed value of a user defined priority is 1000000000",
    'preemptionPolicy: Unsupported value: "Always": supported values: "Never", "PreemptLowerPriority"',
  ]);
});

Deno.test("PriorityClass: value and preemptionPolicy may not change; description may", () => {
  const { core } = newCore();
  core.create(classes(), priorityClass("p"));
  const status = statusOf(() => core.patch(classes("p"), "merge", { value: 11 }));
  deepEqual(messages(status), ["value: Forbidden: may not be changed in an update."]);
  const patched = core.patch(classes("p"), "merge", { description: "batch jobs" }).object;
  equal(patched["description"], "batch jobs");
});
