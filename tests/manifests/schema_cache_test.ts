/**
 * Kept schema verdicts: a text that passed is not checked against the schemas again; every other
 * check still runs, and only a set that passed keeps its verdicts.
 */
import { deepEqual, equal, rejects } from "node:assert/strict";
import {
  checkManifestSources,
  inMemorySchemaCheckCache,
  loadManifestFiles,
  SCHEMA_CHECKER,
  type SchemaCheckCache,
} from "../../src/manifests/mod.ts";

const deployment = (replicas: string, name = "web") =>
  `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: nginx}]}
`;
const VALID = deployment("2");
const SCHEMA_INVALID = deployment("two"); // passes every check but the schema's
const CONFIG = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {a: b}\n";

/** A cache that says `texts` passed before (planted, as a stale or forged file would). */
async function cacheKnowing(...texts: string[]): Promise<SchemaCheckCache> {
  const cache = inMemorySchemaCheckCache();
  await cache.remember(texts);
  return cache;
}

async function known(cache: SchemaCheckCache, ...texts: string[]): Promise<number> {
  return (await cache.passed(texts)).size;
}

Deno.test("a text that passed the schema checks is not checked against them again", async () => {
  const sources = [{ name: "web.yaml", text: SCHEMA_INVALID }];
  await rejects(checkManifestSources(sources), /field "spec.replicas" must be an integer/);
  const loaded = await checkManifestSources(sources, {
    schemaCache: await cacheKnowing(SCHEMA_INVALID),
  });
  equal(loaded.objects.length, 1);
});

Deno.test("a kept verdict spares only the schema checks: structure, names and duplicates still fail", async () => {
  const badName = deployment("2", "Web_1");
  const schemaCache = await cacheKnowing(badName, VALID);
  await rejects(
    checkManifestSources([{ name: "bad.yaml", text: badName }], { schemaCache }),
    /metadata\.name/,
  );
  const twice = [{ name: "a.yaml", text: VALID }, { name: "b.yaml", text: VALID }];
  await rejects(checkManifestSources(twice, { schemaCache }), /already defined in "a.yaml"/);
  const elsewhere = CONFIG.replace("{name: settings}", "{name: settings, namespace: shop}");
  await rejects(
    checkManifestSources([{ name: "config.yaml", text: elsewhere }], {
      schemaCache: await cacheKnowing(elsewhere),
      namespace: "web",
    }),
    /namespace/,
  );
});

Deno.test("a set that passed keeps the verdicts of the texts it checked", async () => {
  const cache = inMemorySchemaCheckCache();
  const sources = [{ name: "web.yaml", text: VALID }, { name: "config.yaml", text: CONFIG }];
  await checkManifestSources(sources, { schemaCache: cache });
  equal(await known(cache, VALID, CONFIG), 2);
});

Deno.test("a set that failed keeps no verdict, not even of its valid texts", async () => {
  const cache = inMemorySchemaCheckCache();
  const sources = [{ name: "web.yaml", text: SCHEMA_INVALID }, {
    name: "config.yaml",
    text: CONFIG,
  }];
  await rejects(checkManifestSources(sources, { schemaCache: cache }), /must be an integer/);
  equal(await known(cache, SCHEMA_INVALID, CONFIG), 0);
});

Deno.test("a changed text is checked again, at its line and field", async () => {
  const schemaCache = await cacheKnowing(VALID);
  const edited = [{ name: "web.yaml", text: SCHEMA_INVALID }];
  await rejects(
    checkManifestSources(edited, { schemaCache }),
    /"web\.yaml".*line 6.*field "spec.replicas" must be an integer/s,
  );
});

Deno.test("files read from disk use and keep verdicts like texts", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/web.yaml`, VALID);
    await Deno.writeTextFile(`${dir}/config.yaml`, CONFIG);
    const cache = inMemorySchemaCheckCache();
    await loadManifestFiles([dir], { schemaCache: cache, namespace: "shop" });
    equal(await known(cache, VALID, CONFIG), 2);
    await Deno.writeTextFile(`${dir}/web.yaml`, SCHEMA_INVALID);
    await rejects(loadManifestFiles([dir], { schemaCache: cache }), /must be an integer/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("the checker names the kubernetes-models release of the import map", async () => {
  const config = JSON.parse(await Deno.readTextFile(new URL("../../deno.json", import.meta.url)));
  const release = /kubernetes-models@[^/]+/.exec(config.imports["kubernetes-models/"])?.[0];
  equal(SCHEMA_CHECKER.split("/")[0], release);
});

Deno.test("the in-memory cache keeps the most recent verdicts up to its limit", async () => {
  const cache = inMemorySchemaCheckCache(3);
  const texts = ["a", "b", "c", "d", "e"];
  await cache.remember(texts.slice(0, 4));
  await cache.remember(["a", "e"]);
  const kept = await cache.passed(texts);
  deepEqual(texts.filter((_, i) => kept.has(i)), ["a", "d", "e"]);
});
