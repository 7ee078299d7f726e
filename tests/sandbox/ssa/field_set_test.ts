import { deepEqual } from "node:assert/strict";
import { fieldSetOf } from "../../../src/sandbox/ssa/mod.ts";
import type { JsonObject } from "../../../src/sandbox/types.ts";
import { deploymentSchema } from "./_fixtures.ts";

Deno.test("fieldSetOf() builds the FieldsV1 trie kube stores", async (t) => {
  const cases: { name: string; obj: JsonObject; expected: JsonObject }[] = [
    {
      name: "server-set metadata, apiVersion and kind are not tracked",
      obj: {
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: {
          name: "web",
          namespace: "prod",
          uid: "u",
          resourceVersion: "1",
          generation: 1,
          creationTimestamp: "2026-01-01T00:00:00Z",
          managedFields: [],
          selfLink: "/x",
          annotations: { "example.com/a": "1" },
        },
      },
      expected: { "f:metadata": { "f:annotations": { "f:example.com/a": {} } } },
    },
    {
      name: "list-map items are keyed by their sorted, typed key fields",
      obj: {
        spec: {
          template: {
            spec: {
              containers: [{ name: "app", ports: [{ protocol: "UDP", containerPort: 53 }] }],
            },
          },
        },
      },
      expected: {
        "f:spec": {
          "f:template": {
            "f:spec": {
              "f:containers": {
                'k:{"name":"app"}': {
                  ".": {},
                  "f:name": {},
                  "f:ports": {
                    'k:{"containerPort":53,"protocol":"UDP"}': {
                      ".": {},
                      "f:containerPort": {},
                      "f:protocol": {},
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
    {
      name: "set items are v: leaves, atomic lists and empty maps are leaves",
      obj: { spec: { template: { spec: { tags: ["a", 1], args: ["x"], emptyDir: {} } } } },
      expected: {
        "f:spec": {
          "f:template": {
            "f:spec": { "f:args": {}, "f:emptyDir": {}, "f:tags": { "v:1": {}, 'v:"a"': {} } },
          },
        },
      },
    },
    {
      name: "status is tracked like any field",
      obj: { status: { conditions: [{ type: "Ready", status: "True" }] } },
      expected: {
        "f:status": {
          "f:conditions": { 'k:{"type":"Ready"}': { ".": {}, "f:status": {}, "f:type": {} } },
        },
      },
    },
  ];
  for (const c of cases) {
    await t.step(c.name, () => deepEqual(fieldSetOf(c.obj, deploymentSchema), c.expected));
  }
});
