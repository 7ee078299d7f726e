import { equal, match } from "node:assert/strict";
import { canonicalName, nodeId } from "../../../src/memory/graph/mod.ts";

Deno.test("nodeId() matches the test vectors of external-formats §2.3", async (t) => {
  const vectors: [string, string, string][] = [
    ["concept", "auth-service", "d21883ee20339e8068e946dd74726973"],
    ["concept", "namespace:production", "f2c94df5564f90f7cdd2eb8afab261f0"],
    ["error", "timeout", "a84d3672d9056f36ad7d5d79eabf1e3d"],
    ["file", "lib/auth.ex", "eb9ef7ffd85407ba66f29028eeba8017"],
  ];
  for (const [kind, name, id] of vectors) {
    await t.step(`${kind}:${name}`, () => equal(nodeId(kind, name), id));
  }
});

Deno.test("nodeId() lowercases error names only", async (t) => {
  const cases = [
    {
      name: "error names are case-insensitive",
      a: ["error", "Timeout"],
      b: ["error", "timeout"],
      same: true,
    },
    {
      name: "service names keep their case",
      a: ["service", "API"],
      b: ["service", "api"],
      same: false,
    },
    { name: "the kind is part of the id", a: ["service", "api"], b: ["image", "api"], same: false },
  ];
  for (const c of cases) {
    await t.step(c.name, () => {
      const [ak, an] = c.a as [string, string];
      const [bk, bn] = c.b as [string, string];
      equal(nodeId(ak, an) === nodeId(bk, bn), c.same);
    });
  }
});

Deno.test("nodeId() is 32 lowercase hex characters and canonicalName() keeps non-error names", () => {
  match(nodeId("resource", "Deployment.apps/prod/api"), /^[0-9a-f]{32}$/);
  equal(canonicalName("error", "ImagePullBackOff"), "imagepullbackoff");
  equal(canonicalName("image", "Registry/API:1"), "Registry/API:1");
});
