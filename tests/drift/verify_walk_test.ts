import { deepEqual, equal } from "node:assert/strict";
import type { KubeObject } from "../../src/manifests/mod.ts";
import { verifyApplied, verifyObject } from "../../src/drift/mod.ts";
import { sameValue } from "../../src/drift/_equal.ts";
import { leafIndex, learnListShapes, leavesOf } from "../../src/drift/_leaves.ts";
import { topField, valueAtPath } from "../../src/drift/field_path.ts";
import { normalize } from "../../src/drift/normalize.ts";
import { maskFieldForDisplay } from "../../src/secrets/mod.ts";
import { deployment, liveDeployment, secret } from "./_objects.ts";
import { seeded as random } from "../_seeded.ts";

/** The comparison as it was written first: every leaf of the sent object, read by path. */
function reference(sentObj: KubeObject, storedObj: KubeObject | undefined) {
  const sent = normalize(sentObj);
  const stored = storedObj && normalize(storedObj);
  const fields = [];
  for (const [path, leaf] of leafIndex(leavesOf(sent, learnListShapes([storedObj])))) {
    const was = valueAtPath(stored, leaf.path);
    if (sameValue(leaf.value, was, leaf.path)) continue;
    const show = (v: unknown) => maskFieldForDisplay(sentObj, topField(leaf.path), v);
    fields.push({ resource: "", path, sent: show(leaf.value), stored: show(was) });
  }
  return fields;
}

const VALUES: unknown[] = ["x", "", 0, 1, "1000m", "1", false, null, {}, [], ["a", "a"], { a: 1 }];

/** Changes, removes or adds one value somewhere in `value` (in place). */
function mutate(value: unknown, next: () => number): void {
  if (typeof value !== "object" || value === null) return;
  const container = value as Record<string, unknown>;
  const keys = Object.keys(container);
  const pick = keys[Math.floor(next() * keys.length)];
  const roll = next();
  if (pick === undefined || roll < 0.15) {
    const key = Array.isArray(value) ? String(keys.length) : `extra${Math.floor(next() * 3)}`;
    container[key] = structuredClone(VALUES[Math.floor(next() * VALUES.length)]);
  } else if (roll < 0.3) delete container[pick];
  else if (roll < 0.55 || typeof container[pick] !== "object" || container[pick] === null) {
    container[pick] = structuredClone(VALUES[Math.floor(next() * VALUES.length)]);
  } else mutate(container[pick], next);
}

/** The mutated object keeps the identity (kind, name, namespace) that matches it up. */
function withIdentity(obj: KubeObject, of: KubeObject): KubeObject {
  const metadata = typeof obj.metadata === "object" && obj.metadata !== null ? obj.metadata : {};
  const identity = { name: of.metadata.name!, namespace: of.metadata.namespace! };
  return {
    ...obj,
    apiVersion: of.apiVersion,
    kind: of.kind,
    metadata: { ...metadata, ...identity },
  };
}

function pairs(seed: number): [KubeObject, KubeObject][] {
  const next = random(seed);
  const sidecar = { sidecarImage: "istio/proxyv2:1.24" };
  const base: [KubeObject, KubeObject][] = [
    [deployment(), liveDeployment()],
    [deployment(sidecar), liveDeployment(sidecar)],
    [secret({ a: "1", b: "2" }, true), secret({ a: "1", b: "3" })],
    [secret({ a: "1" }), secret({ a: "1", b: "2" }, true)],
  ];
  return base.map(([sent, stored]) => {
    const [s, t] = [structuredClone(sent), structuredClone(stored)];
    for (let i = Math.floor(next() * 4); i > 0; i--) mutate(next() < 0.5 ? s.spec ?? s : t, next);
    for (let i = Math.floor(next() * 3); i > 0; i--) mutate(next() < 0.3 ? s : t, next);
    return [withIdentity(s, sent), withIdentity(t, stored)];
  });
}

Deno.test("verifyApplied() and verifyObject() answer as reading every sent leaf by path, on mutated objects", () => {
  let differing = 0;
  for (let seed = 1; seed <= 400; seed++) {
    for (const [sent, stored] of pairs(seed)) {
      const want = reference(sent, stored);
      const got = verifyApplied([sent], [stored]).map((d) => ({ ...d, resource: "" }));
      equal(
        JSON.stringify(got),
        JSON.stringify(want),
        `seed ${seed}: ${JSON.stringify(sent)} ${JSON.stringify(stored)}`,
      );
      deepEqual(verifyObject(sent, stored), verifyApplied([sent], [stored]));
      if (want.length > 0) differing++;
    }
  }
  // The mutations must produce differences often, or the comparison above proves little.
  equal(differing > 400, true, `only ${differing} of 1,600 pairs differ`);
});

Deno.test("verifyApplied() reports a set item written twice once", () => {
  const sent = deployment();
  sent.metadata.finalizers = ["a", "a", "b"];
  const stored = liveDeployment();
  const drift = verifyApplied([sent], [stored]).map((d) => d.path);
  equal(
    JSON.stringify(drift),
    JSON.stringify(['.metadata.finalizers[="a"]', '.metadata.finalizers[="b"]']),
  );
  equal(JSON.stringify(reference(sent, stored).map((d) => d.path)), JSON.stringify(drift));
});
