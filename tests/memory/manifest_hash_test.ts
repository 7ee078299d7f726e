import { equal, match, notEqual } from "node:assert/strict";
import type { KubeObject } from "../../src/manifests/mod.ts";
import { manifestSetHash } from "../../src/memory/mod.ts";
import { maskForStore } from "../../src/secrets/mod.ts";
import { manifestsWithSecret } from "./_factory.ts";

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
