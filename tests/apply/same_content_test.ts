import { equal } from "node:assert/strict";
import { contentHash } from "../../src/apply/mod.ts";
import { sameContent } from "../../src/apply/_same_content.ts";
import type { KubeObject } from "../../src/manifests/mod.ts";

const base = (): Record<string, unknown> => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "web", labels: { app: "web" }, annotations: { "nopea.io/deploy-id": "01A" } },
  spec: {
    replicas: 2,
    ratio: 0.5,
    template: { spec: { containers: [{ name: "app", image: "web:1", args: ["a", null] }] } },
  },
});

/** Variants of `base()`, each one change away: equal content or not, as the hash says. */
const VARIANTS: Record<string, (o: Record<string, unknown>) => unknown> = {
  "keys in another order": (o) => ({
    spec: o.spec,
    kind: o.kind,
    metadata: o.metadata,
    apiVersion: o.apiVersion,
  }),
  "another deploy id": (o) => ({
    ...o,
    metadata: { name: "web", labels: { app: "web" }, annotations: { "nopea.io/deploy-id": "01B" } },
  }),
  "no annotations at all": (o) => ({ ...o, metadata: { name: "web", labels: { app: "web" } } }),
  "an unset field": (o) => ({ ...o, status: undefined }),
  "null instead of a missing field": (o) => ({ ...o, status: null }),
  "an empty map instead of a missing field": (o) => ({ ...o, status: {} }),
  "minus zero": (o) => ({ ...o, zero: -0, spec: o.spec }),
  "a number as text": (o) => ({ ...o, spec: { ...(o.spec as object), replicas: "2" } }),
  "another number": (o) => ({ ...o, spec: { ...(o.spec as object), ratio: 0.25 } }),
  "a list item unset instead of null": (o) => ({ ...o, spec: replaceArgs(o, ["a", undefined]) }),
  "a shorter list": (o) => ({ ...o, spec: replaceArgs(o, ["a"]) }),
  "a list instead of a map": (o) => ({ ...o, spec: [] }),
  "a map instead of a list": (o) => ({ ...o, spec: replaceArgs(o, { 0: "a", 1: null }) }),
  "another image": (o) => ({
    ...o,
    spec: {
      template: { spec: { containers: [{ name: "app", image: "web:2", args: ["a", null] }] } },
      replicas: 2,
      ratio: 0.5,
    },
  }),
  "a field added deep down": (o) => ({ ...o, spec: replaceArgs(o, ["a", null], { tty: true }) }),
};

function replaceArgs(o: Record<string, unknown>, args: unknown, extra: object = {}): unknown {
  const spec = o.spec as { replicas: number; ratio: number };
  const containers = [{ name: "app", image: "web:1", args, ...extra }];
  return { replicas: spec.replicas, ratio: spec.ratio, template: { spec: { containers } } };
}

Deno.test("sameContent() answers what comparing content hashes answers", async (t) => {
  for (const [name, variant] of Object.entries(VARIANTS)) {
    await t.step(name, () => {
      const a = base() as KubeObject;
      const b = variant(base()) as KubeObject;
      const byHash = contentHash(a) === contentHash(b);
      equal(sameContent(a, b), byHash, `hash says ${byHash ? "same" : "different"}`);
      equal(sameContent(b, a), byHash, "the other way round");
    });
  }
});

Deno.test("sameContent() of an object read back from JSON is true", () => {
  const a = base() as KubeObject;
  equal(sameContent(a, JSON.parse(JSON.stringify({ ...a, status: undefined }))), true);
});
