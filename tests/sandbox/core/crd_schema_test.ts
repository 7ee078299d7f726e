import { deepEqual } from "node:assert/strict";
import { listKeysFromSchema } from "../../../src/sandbox/core/mod.ts";

Deno.test("listKeysFromSchema() reads list-type markers at every depth", () => {
  const schema = {
    type: "object",
    properties: {
      spec: {
        type: "object",
        properties: {
          steps: { type: "array", items: { type: "object" } },
          routes: {
            type: "array",
            "x-kubernetes-list-type": "map",
            "x-kubernetes-list-map-keys": ["name", "port"],
            items: {
              type: "object",
              properties: {
                hosts: {
                  type: "array",
                  "x-kubernetes-list-type": "set",
                  items: { type: "string" },
                },
              },
            },
          },
        },
      },
      status: {
        type: "object",
        properties: {
          conditions: {
            type: "array",
            "x-kubernetes-list-type": "map",
            "x-kubernetes-list-map-keys": ["type"],
            items: { type: "object" },
          },
        },
      },
    },
  };
  const keys = listKeysFromSchema(schema);
  deepEqual(keys.listMapKeys, {
    "metadata.ownerReferences": ["uid"],
    "spec.routes": ["name", "port"],
    "status.conditions": ["type"],
  });
  deepEqual(keys.listSets, ["metadata.finalizers", "spec.routes.hosts"]);
});

Deno.test("listKeysFromSchema() treats a schema without markers as all-atomic", () => {
  deepEqual(listKeysFromSchema(undefined), {
    listMapKeys: { "metadata.ownerReferences": ["uid"] },
    listSets: ["metadata.finalizers"],
  });
});
