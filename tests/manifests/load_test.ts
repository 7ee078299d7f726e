import { loadYamlReader } from "../../src/manifests/mod.ts";
import { deepEqual, equal, ok, throws } from "node:assert/strict";
import { loadManifestSources, ManifestErrors } from "../../src/manifests/mod.ts";
import { assertManifestError, manifestErrorsOf } from "./_expect.ts";

// The synchronous readers need the `yaml` package (a deploy of plain YAML never loads it).
await loadYamlReader();

function y(...lines: string[]): string {
  return lines.join("\n") + "\n";
}

const CM = ["apiVersion: v1", "kind: ConfigMap"];

Deno.test("loadManifestSources() reports syntax and structure errors of several files together", () => {
  const sources = [
    { name: "a.yaml", text: y(...CM, "metadata: {}") },
    { name: "b.yaml", text: "a: [\n" },
  ];
  throws(() => loadManifestSources(sources), (e: unknown) => {
    ok(e instanceof ManifestErrors);
    equal(e.code, "MANIFEST_PARSE");
    deepEqual(e.errors.map((err) => [err.file, err.code]), [
      ["a.yaml", "MANIFEST_INVALID"],
      ["b.yaml", "MANIFEST_PARSE"],
    ]);
    ok(e.message.startsWith("Cannot load manifests: 2 errors\n"));
    ok(e.message.includes('Invalid manifest "a.yaml" document 1 (line 3)'));
    ok(e.message.includes('Invalid manifest "b.yaml" document 1 (line 2, column 1)'));
    return true;
  });
});

Deno.test("loadManifestSources() finds duplicates across files and names both places", () => {
  const sources = [
    { name: "base/web.yaml", text: y(...CM, "metadata: {name: web, namespace: shop}") },
    {
      name: "overlay/web.yaml",
      text: y("# copy", ...CM, "metadata:", "  namespace: shop", "  name: web"),
    },
  ];
  const [error, ...rest] = manifestErrorsOf(() => loadManifestSources(sources));
  equal(rest.length, 0);
  assertManifestError(error!, {
    code: "MANIFEST_INVALID",
    file: "overlay/web.yaml",
    documentIndex: 1,
    line: 6,
    field: "metadata.name",
    message: 'already defined in "base/web.yaml" document 1 (line 1)',
  });
});

Deno.test("loadManifestSources() treats objects without a namespace as in --namespace for duplicates", () => {
  const sources = [
    { name: "a.yaml", text: y(...CM, "metadata: {name: web}") },
    { name: "b.yaml", text: y(...CM, "metadata: {name: web, namespace: prod}") },
  ];
  const errors = manifestErrorsOf(() => loadManifestSources(sources, { namespace: "prod" }));
  deepEqual(errors.map((e) => e.file), ["b.yaml"]);
  equal(loadManifestSources(sources).objects.length, 2);
});

Deno.test("loadManifestSources() returns objects in source order with YAML warnings", () => {
  const loaded = loadManifestSources([
    { name: "1.yaml", text: y(...CM, "metadata: {name: one}", "data: {x: !unknown-tag y}") },
    { name: "2.yaml", text: y(...CM, "metadata: {name: two}") },
  ]);
  deepEqual(loaded.objects.map((o) => o.object.metadata.name), ["one", "two"]);
  equal(loaded.warnings.length, 1);
  ok(loaded.warnings[0]?.message.startsWith('Manifest "1.yaml" document 1 (line 1): '));
});
