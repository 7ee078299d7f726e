import { equal, match } from "node:assert/strict";
import {
  fnv1a64,
  imageId,
  nameSuffix,
  qualifiedImage,
  templateHash,
} from "../../../src/sandbox/controllers/_hash.ts";

Deno.test("fnv1a64() matches the FNV-1a 64-bit test vectors", async (t) => {
  const vectors: [string, string][] = [
    ["", "cbf29ce484222325"],
    ["a", "af63dc4c8601ec8c"],
    ["foobar", "85944171f73967e8"],
  ];
  for (const [text, hash] of vectors) {
    await t.step(JSON.stringify(text), () => equal(fnv1a64(text), hash));
  }
});

Deno.test("templateHash() ignores key order and nameSuffix() uses the Kubernetes alphabet", () => {
  equal(templateHash({ a: 1, b: [{ c: 2, d: 3 }] }), templateHash({ b: [{ d: 3, c: 2 }], a: 1 }));
  match(templateHash({ a: 1 }), /^[0-9a-f]{10}$/);
  match(nameSuffix("web-1/0"), /^[bcdfghjklmnpqrstvwxz2456789]{5}$/);
});

Deno.test("qualifiedImage() and imageId() resolve references as a registry does", async (t) => {
  const cases: [string, string, RegExp][] = [
    ["nginx", "docker.io/library/nginx:latest", /^docker\.io\/library\/nginx@sha256:/],
    ["nginx:1.25", "docker.io/library/nginx:1.25", /^docker\.io\/library\/nginx@sha256:/],
    ["team/app:2", "docker.io/team/app:2", /^docker\.io\/team\/app@sha256:/],
    ["localhost:5000/app:2", "localhost:5000/app:2", /^localhost:5000\/app@sha256:/],
    ["ghcr.io/o/app@sha256:abc", "ghcr.io/o/app@sha256:abc", /^ghcr\.io\/o\/app@sha256:abc$/],
  ];
  for (const [image, qualified, id] of cases) {
    await t.step(image, () => {
      equal(qualifiedImage(image), qualified);
      match(imageId(image), id);
    });
  }
});
