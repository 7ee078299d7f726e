import { equal, match, notEqual } from "node:assert/strict";
import type { KubeObject } from "../../src/manifests/mod.ts";
import { manifestSetHash } from "../../src/memory/mod.ts";
import { maskForStore } from "../../src/secrets/mod.ts";
import { manifestsWithSecret } from "./_factory.ts";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";

Deno.test("manifestSetHash() ignores key order and sees value changes", () => {
  const [a] = manifestsWithSecret();
  const reordered = JSON.parse(JSON.stringify(a, Object.keys(a ?? {}).reverse()));
  const base = manifestSetHash(maskForStore(manifestsWithSecret()));
  match(base, /^[0-9a-f]{64}$/);
  equal(manifestSetHash([a!]), manifestSetHash([{ ...reordered, ...a }]));
  const changed = manifestsWithSecret();
  (changed[1] as Record<string, unknown>)["stringData"] = { token: "other-token" };
  notEqual(manifestSetHash(maskForStore(changed)), base);
});

Deno.test("manifestSetHash() of a stored set equals what earlier versions stored", () => {
  const secret: KubeObject = {
    apiVersion: "v1",
    kind: "Secret",
    metadata: {
      name: "db",
      annotations: {
        "kubectl.kubernetes.io/last-applied-configuration":
          '{"stringData":{"token":"t0k3n-t0k3n"}}',
        team: "a",
      },
    },
    data: { password: btoa("hunter2") },
    stringData: { token: "t0k3n-t0k3n" },
  };
  equal(
    manifestSetHash(maskForStore([secret])),
    "342d4d8dcd57673e451bc0fd38c26b545c8262143a58f27389c19ec28d1c9258",
  );
});

/** The hand-written canonical JSON and `@noble/hashes` digest memory stored hashes with before. */
function earlierHash(objects: readonly unknown[]): string {
  const canonical = (value: unknown): string => {
    if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
    if (value !== null && typeof value === "object") {
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record).filter((k) => record[k] !== undefined).sort();
      return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(record[k])}`).join(",")}}`;
    }
    return JSON.stringify(value) ?? "null";
  };
  return bytesToHex(sha256(utf8ToBytes(canonical(objects))));
}

Deno.test("manifestSetHash() gives the earlier digest for unicode, numbers, nulls, lists and unset fields", () => {
  const objects = [
    {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "ünïcode-✓", labels: { b: "2", a: "1" }, annotations: undefined },
      data: { 'k"q': "line\nbreak \u2028 😀", empty: "" },
    },
    {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web" },
      spec: {
        replicas: 3,
        ratio: 0.25,
        big: 1e21,
        negative: -0,
        flags: [true, false, null, [1, [2, {}]], { z: null, y: [] }],
      },
    },
  ] as unknown as KubeObject[];
  equal(manifestSetHash(objects), earlierHash(objects));
  equal(manifestSetHash([]), earlierHash([]));
});

Deno.test("manifestSetHash() gives the earlier digest for keys in order and out of order", () => {
  const objects = [
    { apiVersion: "v1", data: { a: "1", b: "2" }, kind: "ConfigMap", metadata: { name: "sorted" } },
    {
      kind: "ConfigMap",
      apiVersion: "v1",
      metadata: {
        namespace: "x",
        name: "unsorted",
        labels: { b: "a", a: "b", B: "c", _: "d" },
      },
      data: { z: "1", "": "empty key", aa: "2", a: "3" },
    },
    { apiVersion: "v1", kind: "List", items: [{ b: 1, a: { d: [{ f: 1, e: 2 }], c: 3 } }] },
  ] as unknown as KubeObject[];
  equal(manifestSetHash(objects), earlierHash(objects));
});
