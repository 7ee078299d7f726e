import { deepEqual, equal, ok, rejects } from "node:assert/strict";
import { join } from "node:path";
import { isNopeaError } from "../../src/shared/mod.ts";
import {
  loadManifestFiles,
  MANIFEST_LIMITS,
  ManifestError,
  readManifestText,
} from "../../src/manifests/mod.ts";

/** A temporary directory removed when the `await using` scope ends. */
async function withTmpDir(): Promise<{ path: string } & AsyncDisposable> {
  const path = await Deno.makeTempDir({ prefix: "nopea_faults_" });
  return { path, [Symbol.asyncDispose]: () => Deno.remove(path, { recursive: true }) };
}

const configMap = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;
const encode = (text: string) => new TextEncoder().encode(text);

/** Lays out `app/` (one ConfigMap) and `outside/` next to it, plus the given links in `app/`. */
async function layout(root: string, links: Record<string, string>): Promise<string> {
  await Deno.mkdir(join(root, "app/sub"), { recursive: true });
  await Deno.mkdir(join(root, "outside"));
  await Deno.writeTextFile(join(root, "app/a.yaml"), configMap("a"));
  await Deno.writeTextFile(join(root, "app/sub/b.yaml"), configMap("b"));
  await Deno.writeTextFile(join(root, "outside/secret.yaml"), configMap("outside"));
  for (const [link, target] of Object.entries(links)) {
    await Deno.symlink(target, join(root, "app", link));
  }
  return join(root, "app");
}

Deno.test("loadManifestFiles() refuses a directory whose symbolic links leave it, naming each link", async (t) => {
  const cases: [string, Record<string, string>, string][] = [
    ["a link to ..", { up: ".." }, 'app/up" is a symbolic link to'],
    [
      "a link to a file outside",
      { "x.yaml": "../outside/secret.yaml" },
      'app/x.yaml" is a symbolic link to',
    ],
    ["a link to a directory outside", { ext: "../outside" }, 'app/ext" is a symbolic link to'],
    ["a nested link to ../..", { "sub/deep": "../.." }, 'app/sub/deep" is a symbolic link to'],
    [
      "a broken link to a manifest",
      { "gone.yaml": "nowhere.yaml" },
      'app/gone.yaml" is a broken symbolic link',
    ],
  ];
  for (const [name, links, message] of cases) {
    await t.step(name, async () => {
      await using tmp = await withTmpDir();
      const app = await layout(tmp.path, links);
      await rejects(loadManifestFiles([app]), (e: unknown) => {
        ok(isNopeaError(e));
        equal(e.code, "MANIFEST_INVALID");
        ok(e.message.startsWith(`Cannot load manifests from "${app}": `), e.message);
        ok(e.message.includes(message), e.message);
        ok(e.hint?.includes("follows symbolic links only within the directory given"));
        return true;
      });
    });
  }
});

Deno.test("loadManifestFiles() follows symbolic links that stay inside the directory, once", async () => {
  await using tmp = await withTmpDir();
  const app = await layout(tmp.path, { "c.yml": ".hidden/c.yaml", inner: "sub", loop: "." });
  await Deno.mkdir(join(app, ".hidden"));
  await Deno.writeTextFile(join(app, ".hidden/c.yaml"), configMap("c"));
  const loaded = await loadManifestFiles([app]);
  deepEqual(loaded.objects.map((o) => o.location.source), [
    join(app, "a.yaml"),
    join(app, "c.yml"),
    join(app, "inner/b.yaml"),
  ]);
});

Deno.test("loadManifestFiles() refuses bytes that are not UTF-8, at the document, line and column", async (t) => {
  const cases: [string, Uint8Array, number, number, number, string][] = [
    [
      "a stray 0xff",
      new Uint8Array([...encode(configMap("a") + "data: {a: "), 0xff, ...encode("}\n")]),
      1,
      5,
      11,
      "0xff",
    ],
    [
      "a truncated sequence at the end",
      new Uint8Array([...encode(configMap("a") + "---\n# é"), 0xe2, 0x82]),
      2,
      6,
      4,
      "0xe2 0x82",
    ],
    [
      "an overlong encoding",
      new Uint8Array([...encode("# "), 0xc0, 0xaf, ...encode("\n" + configMap("a"))]),
      1,
      1,
      3,
      "0xc0 0xaf",
    ],
    [
      "an encoded surrogate",
      new Uint8Array([
        ...encode(configMap("a") + "data: {a: "),
        0xed,
        0xa0,
        0x80,
        ...encode("}\n"),
      ]),
      1,
      5,
      11,
      "0xed 0xa0 0x80",
    ],
    [
      "UTF-16 with a byte order mark",
      new Uint8Array([0xff, 0xfe, ...encode("a\0:\0")]),
      1,
      1,
      1,
      "the file is UTF-16",
    ],
  ];
  for (const [name, bytes, documentIndex, line, column, message] of cases) {
    await t.step(name, async () => {
      await using tmp = await withTmpDir();
      const file = join(tmp.path, "bad.yaml");
      await Deno.writeFile(file, bytes);
      await rejects(loadManifestFiles([file]), (e: unknown) => {
        ok(e instanceof ManifestError);
        equal(e.code, "MANIFEST_PARSE");
        deepEqual([e.file, e.documentIndex, e.line, e.column], [file, documentIndex, line, column]);
        ok(e.message.includes(message), e.message);
        ok(e.hint?.includes("Save the file as UTF-8"));
        return true;
      });
    });
  }
});

Deno.test("loadManifestFiles() refuses a file over the size limit without reading it", async () => {
  await using tmp = await withTmpDir();
  const file = join(tmp.path, "huge.yaml");
  await Deno.writeTextFile(file, configMap("h") + `data: {a: '${"x".repeat(20 * 1024 * 1024)}'}\n`);
  const { size } = await Deno.stat(file);
  const started = performance.now();
  await rejects(loadManifestFiles([file]), (e: unknown) => {
    ok(isNopeaError(e));
    equal(e.code, "MANIFEST_INVALID");
    equal(
      e.message,
      `Cannot load manifests: "${file}" is 20 MiB, over the limit of 8 MiB for one manifest file`,
    );
    deepEqual(e.details, { file, bytes: size, limit: MANIFEST_LIMITS.fileBytes });
    return true;
  });
  ok(performance.now() - started < 1000, "refused before reading");
});

Deno.test("readManifestText() reads standard input as files are read: capped and strictly UTF-8", async (t) => {
  const stream = (...parts: BlobPart[]) => new Blob(parts).stream();
  await t.step("valid UTF-8, without its byte order mark", async () => {
    equal(await readManifestText(stream("\uFEFFkind: ConfigMap # é\n")), "kind: ConfigMap # é\n");
  });
  await t.step("invalid UTF-8 at its line and column", async () => {
    const bytes = new Uint8Array([...encode(configMap("a") + "x: "), 0xff]);
    await rejects(readManifestText(stream(bytes)), (e: unknown) => {
      ok(e instanceof ManifestError);
      deepEqual([e.file, e.documentIndex, e.line, e.column], ["<stdin>", 1, 5, 4]);
      return true;
    });
  });
  await t.step("more than the limit, read no further", async () => {
    const chunk = new Uint8Array(1024 * 1024).fill(0x23);
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(chunk);
      },
    });
    await rejects(readManifestText(endless, "pipe"), (e: unknown) => {
      ok(isNopeaError(e));
      equal(
        e.message,
        'Cannot load manifests: "pipe" is over the limit of 8 MiB for one manifest file',
      );
      return true;
    });
    ok(pulled <= 10, `read ${pulled} MiB`);
  });
});
