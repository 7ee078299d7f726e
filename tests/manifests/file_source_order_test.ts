import { deepEqual, match, rejects } from "node:assert/strict";
import { join } from "node:path";
import { loadManifestFiles } from "../../src/manifests/mod.ts";
import { isNopeaError } from "../../src/shared/mod.ts";

/** A temporary directory removed when the `await using` scope ends. */
async function withTmpDir(): Promise<{ path: string } & AsyncDisposable> {
  const path = await Deno.makeTempDir({ prefix: "nopea_manifest_order_" });
  return { path, [Symbol.asyncDispose]: () => Deno.remove(path, { recursive: true }) };
}

const configMap = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;

Deno.test("loadManifestFiles() reads many files in parallel and keeps their order, stdin in its place", async () => {
  await using tmp = await withTmpDir();
  const paths: string[] = [];
  for (let i = 0; i < 40; i++) {
    const path = join(tmp.path, `m-${String(i).padStart(2, "0")}.yaml`);
    await Deno.writeTextFile(path, configMap(`cm-${i}`));
    paths.push(path);
  }
  const stdin = () => Promise.resolve(configMap("from-stdin"));
  const loaded = await loadManifestFiles([...paths.slice(0, 20), "-", ...paths.slice(20)], {
    stdin,
  });
  const names = loaded.objects.map((o) => o.object.metadata.name);
  const files = Array.from({ length: 40 }, (_, i) => `cm-${i}`);
  deepEqual(names, [...files.slice(0, 20), "from-stdin", ...files.slice(20)]);
  deepEqual(
    (await loadManifestFiles([tmp.path])).objects.map((o) => o.object.metadata.name),
    files,
  );
});

Deno.test("loadManifestFiles() reports the first unreadable file in argument order", async () => {
  await using tmp = await withTmpDir();
  const [late, ok, early] = ["b-late.yaml", "ok.yaml", "a-early.yaml"].map((f) =>
    join(tmp.path, f)
  );
  await Deno.writeTextFile(ok!, configMap("ok"));
  for (const big of [late!, early!]) {
    await Deno.writeTextFile(big, "");
    await Deno.truncate(big, 9 * 1024 * 1024); // sparse: over the 8 MiB limit, nothing to read
  }
  await rejects(loadManifestFiles([ok!, late!, early!]), (e: unknown) => {
    if (!isNopeaError(e)) return false;
    match(e.message, /b-late\.yaml" is .* for one manifest file/);
    return true;
  });
});
