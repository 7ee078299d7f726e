import { equal } from "node:assert/strict";
import { applySetId } from "../../src/plan/mod.ts";

// KEP-3659: applyset-<base64url(sha256("<parent name>.<namespace>.ConfigMap."))>-v1, unpadded.
// Expected values computed with @noble/hashes' SHA-256, an implementation independent of Deno's.
const CASES: [service: string, namespace: string, id: string][] = [
  ["web", "shop", "applyset-_kygHgkg-wbHyhJep0yRU33Vkoa3qUt1kCsx0cA0PMM-v1"],
  ["a", "default", "applyset-rBeVCSlqr5U3EOscuuNZaTALdSOLt4imP5PWcdKzZ-8-v1"],
  ["checkout-service", "prod-eu", "applyset-GpHcpoCniWilc-nxb6FLzi7wnNtxm0oD83J53BWHjVk-v1"],
];

for (const [service, namespace, id] of CASES) {
  Deno.test(`the ApplySet id of "${service}" in "${namespace}" is KEP-3659's`, () => {
    equal(applySetId(service, namespace), id);
  });
}
