import { deepEqual, equal, ok, rejects } from "node:assert/strict";
import { join } from "node:path";
import { isNopeaError } from "../../src/shared/mod.ts";
import { loadManifestFiles, ManifestError, ManifestErrors } from "../../src/manifests/mod.ts";

const REAL_WORLD = new URL("../fixtures/real-world/", import.meta.url).pathname;
const FIXTURES = new URL("../fixtures/manifests/", import.meta.url).pathname;

/** A temporary directory removed when the `await using` scope ends. */
async function withTmpDir(): Promise<{ path: string } & AsyncDisposable> {
  const path = await Deno.makeTempDir({ prefix: "nopea_manifests_" });
  return { path, [Symbol.asyncDispose]: () => Deno.remove(path, { recursive: true }) };
}

function configMap(name: string): string {
  return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;
}

async function write(root: string, files: Record<string, string>): Promise<void> {
  for (const [rel, text] of Object.entries(files)) {
    const path = join(root, rel);
    await Deno.mkdir(join(path, ".."), { recursive: true });
    await Deno.writeTextFile(path, text);
  }
}

const names = (loaded: { objects: readonly { object: { metadata: { name?: string } } }[] }) =>
  loaded.objects.map((o) => o.object.metadata.name);

Deno.test("loadManifestFiles() walks directories recursively, sorted, only *.yaml|*.yml|*.json", async () => {
  await using tmp = await withTmpDir();
  await write(tmp.path, {
    "b.yaml": configMap("b"),
    "a.yml": configMap("a"),
    "c/z.json": JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cz" } }),
    "c/d/e.yaml": configMap("cde"),
    "README.md": "# not a manifest",
    "notes.txt": configMap("txt"),
    ".hidden/x.yaml": configMap("hidden"),
    ".dot.yaml": configMap("dot"),
  });
  const loaded = await loadManifestFiles([tmp.path]);
  deepEqual(names(loaded), ["a", "b", "cde", "cz"]);
  deepEqual(loaded.objects.map((o) => o.location.source), [
    join(tmp.path, "a.yml"),
    join(tmp.path, "b.yaml"),
    join(tmp.path, "c/d/e.yaml"),
    join(tmp.path, "c/z.json"),
  ]);
});

Deno.test("loadManifestFiles() keeps the order of its arguments and reads explicit files of any name", async () => {
  await using tmp = await withTmpDir();
  await write(tmp.path, {
    "z.yaml": configMap("z"),
    "dir/a.yaml": configMap("a"),
    "m.txt": configMap("m"),
  });
  const loaded = await loadManifestFiles([
    join(tmp.path, "z.yaml"),
    join(tmp.path, "dir"),
    join(tmp.path, "m.txt"),
  ]);
  deepEqual(names(loaded), ["z", "a", "m"]);
});

Deno.test("loadManifestFiles() reads - from stdin, once", async () => {
  let reads = 0;
  const stdin = () => {
    reads++;
    return Promise.resolve(configMap("piped") + "---\n" + configMap("second"));
  };
  const loaded = await loadManifestFiles(["-", join(FIXTURES, "app.yaml")], { stdin });
  equal(reads, 1);
  deepEqual(loaded.objects.slice(0, 2).map((o) => [o.object.metadata.name, o.location]), [
    ["piped", { source: "<stdin>", documentIndex: 1, line: 1 }],
    ["second", { source: "<stdin>", documentIndex: 2, line: 6 }],
  ]);
});

Deno.test("loadManifestFiles() names every missing path in one MANIFEST_INVALID error", async () => {
  await rejects(
    loadManifestFiles(["/nonexistent/a.yaml", FIXTURES, "/nonexistent/b"]),
    (e: unknown) => {
      ok(isNopeaError(e));
      equal(e.code, "MANIFEST_INVALID");
      equal(
        e.message,
        'Cannot load manifests: file not found: "/nonexistent/a.yaml", "/nonexistent/b"',
      );
      ok(e.hint?.includes("- to read standard input"));
      return true;
    },
  );
});

Deno.test("loadManifestFiles() rejects a selection without objects with a hint", async (t) => {
  await using tmp = await withTmpDir();
  await write(tmp.path, {
    "empty/README.md": "nothing",
    "comments.yaml": "# only a comment\n---\n",
  });
  const cases: [string, string[]][] = [
    ["a directory without manifest files", [join(tmp.path, "empty")]],
    ["a file with only comments", [join(tmp.path, "comments.yaml")]],
    ["no paths at all", []],
  ];
  for (const [name, paths] of cases) {
    await t.step(name, async () => {
      await rejects(loadManifestFiles(paths), (e: unknown) => {
        ok(isNopeaError(e));
        equal(e.code, "MANIFEST_INVALID");
        ok(e.message.startsWith("Cannot load manifests: no objects found in"));
        ok(e.hint?.includes("*.yaml, *.yml or *.json"));
        return true;
      });
    });
  }
});

Deno.test("loadManifestFiles() reports invalid documents with their file path", async () => {
  await rejects(
    loadManifestFiles([join(FIXTURES, "app.yaml"), join(FIXTURES, "invalid/missing_name.yaml")]),
    (e: unknown) => {
      ok(e instanceof ManifestError);
      equal(e.file, join(FIXTURES, "invalid/missing_name.yaml"));
      deepEqual([e.documentIndex, e.line, e.field], [2, 9, "metadata.name"]);
      return true;
    },
  );
});

Deno.test("loadManifestFiles() checks namespaces against an explicit --namespace", async () => {
  const file = join(FIXTURES, "app.yaml");
  const matching = await loadManifestFiles([file], { namespace: "shop" });
  ok(matching.objects.length > 0);
  await rejects(loadManifestFiles([file], { namespace: "prod" }), (e: unknown) => {
    ok(e instanceof ManifestErrors);
    deepEqual(e.errors.map((err) => [err.documentIndex, err.field]), [
      [2, "metadata.namespace"],
      [3, "metadata.namespace"],
      [4, "metadata.namespace"],
    ]);
    return true;
  });
});

Deno.test("loadManifestFiles() loads the real-world online-boutique manifests: 35 objects", async () => {
  const loaded = await loadManifestFiles([join(REAL_WORLD, "online-boutique.yaml")]);
  equal(loaded.objects.length, 35);
  deepEqual(loaded.warnings, []);
  const kinds = new Map<string, number>();
  for (const { object } of loaded.objects) {
    kinds.set(object.kind, (kinds.get(object.kind) ?? 0) + 1);
  }
  deepEqual(Object.fromEntries(kinds), { Deployment: 12, Service: 12, ServiceAccount: 11 });
});

Deno.test("loadManifestFiles() loads every real-world kube-prometheus file, setup/ included", async (t) => {
  const dir = join(REAL_WORLD, "kube-prometheus");
  const files: string[] = [];
  for await (const entry of Deno.readDir(dir)) if (entry.isFile) files.push(join(dir, entry.name));
  for await (const entry of Deno.readDir(join(dir, "setup"))) {
    files.push(join(dir, "setup", entry.name));
  }
  equal(files.length, 95);
  let total = 0;
  for (const file of files.sort()) {
    await t.step(file.slice(dir.length + 1), async () => {
      const loaded = await loadManifestFiles([file]);
      ok(loaded.objects.length >= 1);
      total += loaded.objects.length;
    });
  }
  equal(total, 131);
  await t.step("the whole directory at once", async () => {
    const loaded = await loadManifestFiles([dir]);
    equal(loaded.objects.length, 131);
    equal(loaded.objects.filter((o) => o.object.kind === "CustomResourceDefinition").length, 10);
    equal(loaded.objects.filter((o) => o.location.item !== undefined).length, 39);
  });
});
