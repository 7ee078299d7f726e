/**
 * The schema verdicts file: kept across processes as keyed digests (never text) readable by its
 * owner only, ignored when stale or damaged, never fatal.
 */
import { deepEqual, equal, match } from "node:assert/strict";
import { fileSchemaCheckCache, SCHEMA_CHECKER, schemaDigest } from "../../src/manifests/mod.ts";

const SECRET = "apiVersion: v1\nkind: Secret\nmetadata: {name: pin}\nstringData: {pin: '4821'}\n";

async function inTempDir(test: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir();
  try {
    await test(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("verdicts kept in the file are read by the next cache on it (its folder created)", () =>
  inTempDir(async (dir) => {
    const path = `${dir}/cache/schema-checks.json`;
    await fileSchemaCheckCache(path).remember(["a"]);
    await fileSchemaCheckCache(path).remember(["b"]);
    deepEqual(await fileSchemaCheckCache(path).passed(["c", "b", "a"]), new Set([1, 2]));
  }));

Deno.test("the file holds keyed digests, no text, and only its owner may read it", () =>
  inTempDir(async (dir) => {
    const path = `${dir}/schema-checks.json`;
    await fileSchemaCheckCache(path).remember([SECRET]);
    const text = await Deno.readTextFile(path);
    const file = JSON.parse(text);
    equal(file.checker, SCHEMA_CHECKER);
    match(file.key, /^[0-9a-f]{64}$/);
    deepEqual(file.passed, [schemaDigest(SECRET, file.key)]);
    equal(text.includes("4821"), false);
    const unkeyed = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(SECRET));
    const hex = [...new Uint8Array(unkeyed)].map((b) => b.toString(16).padStart(2, "0")).join("");
    equal(text.includes(hex), false);
    if (Deno.build.os !== "windows") equal((await Deno.stat(path)).mode! & 0o777, 0o600);
  }));

const KEY = "ab".repeat(32);
const UNUSABLE: [name: string, content: (known: string) => string][] = [
  [
    "another checker's verdicts",
    (d) => JSON.stringify({ checker: "other@1", key: KEY, passed: [d] }),
  ],
  ["no key", (d) => JSON.stringify({ checker: SCHEMA_CHECKER, passed: [d] })],
  ["damaged JSON", () => '{"checker": "kubernetes-mo'],
  ["not an object", () => "null"],
];
for (const [name, content] of UNUSABLE) {
  Deno.test(`a file with ${name} counts as no verdicts and is replaced on the next keep`, () =>
    inTempDir(async (dir) => {
      const path = `${dir}/schema-checks.json`;
      await Deno.writeTextFile(path, content(schemaDigest("a", KEY)));
      equal((await fileSchemaCheckCache(path).passed(["a"])).size, 0);
      await fileSchemaCheckCache(path).remember(["b"]);
      deepEqual(await fileSchemaCheckCache(path).passed(["a", "b"]), new Set([1]));
    }));
}

Deno.test("entries that are not digests are dropped, the others kept", () =>
  inTempDir(async (dir) => {
    const path = `${dir}/schema-checks.json`;
    const passed = ["../x", 7, schemaDigest("a", KEY)];
    await Deno.writeTextFile(path, JSON.stringify({ checker: SCHEMA_CHECKER, key: KEY, passed }));
    deepEqual(await fileSchemaCheckCache(path).passed(["x", "a"]), new Set([1]));
  }));

Deno.test("the file keeps the most recent verdicts up to its limit", () =>
  inTempDir(async (dir) => {
    const path = `${dir}/schema-checks.json`;
    await fileSchemaCheckCache(path, 2).remember(["1", "2", "3"]);
    await fileSchemaCheckCache(path, 2).remember(["4"]);
    deepEqual(await fileSchemaCheckCache(path).passed(["1", "2", "3", "4"]), new Set([2, 3]));
  }));

Deno.test("a verdict that cannot be written is dropped, not thrown", () =>
  inTempDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/plain-file`, "");
    const cache = fileSchemaCheckCache(`${dir}/plain-file/cache/schema-checks.json`);
    await cache.remember(["a"]);
    equal((await cache.passed(["a"])).size, 0);
    deepEqual([...Deno.readDirSync(dir)].map((e) => e.name), ["plain-file"]);
  }));
