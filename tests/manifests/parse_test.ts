import { loadYamlReader } from "../../src/manifests/mod.ts";
import { deepEqual, equal, ok, throws } from "node:assert/strict";
import {
  documentsFromValues,
  ManifestError,
  ManifestErrors,
  parseManifests,
} from "../../src/manifests/mod.ts";

// The synchronous readers need the `yaml` package (a deploy of plain YAML never loads it).
await loadYamlReader();

function y(...lines: string[]): string {
  return lines.join("\n") + "\n";
}

const CM_A = ["apiVersion: v1", "kind: ConfigMap", "metadata: {name: a}"];
const CM_B = ["apiVersion: v1", "kind: ConfigMap", "metadata: {name: b}"];

Deno.test("parseManifests() splits documents and remembers source, document index and line", async (t) => {
  const cases: { name: string; text: string; expected: [number, number][] }[] = [
    { name: "one document", text: y(...CM_A), expected: [[1, 1]] },
    { name: "two documents", text: y(...CM_A, "---", ...CM_B), expected: [[1, 1], [2, 5]] },
    {
      name: "a leading comment block and ---",
      text: y("# Copyright", "#", "---", ...CM_A),
      expected: [[1, 4]],
    },
    {
      name: "documents that are only --- are skipped but counted",
      text: y("---", "---", ...CM_A, "---", "---", ...CM_B),
      expected: [[2, 3], [4, 8]],
    },
    {
      name: "comment-only and null documents are skipped",
      text: y(...CM_A, "---", "# nothing here", "---", "~", "---", ...CM_B, "---"),
      expected: [[1, 1], [4, 9]],
    },
    { name: "an empty text", text: "", expected: [] },
    { name: "a text of comments", text: y("# a", "# b"), expected: [] },
    {
      name: "JSON",
      text: '{\n  "apiVersion": "v1",\n  "kind": "ConfigMap",\n  "metadata": {"name": "a"}\n}\n',
      expected: [[1, 1]],
    },
    {
      name: "JSON indented with tabs",
      text:
        '{\n\t"apiVersion": "v1",\n\t"kind": "ConfigMap",\n\t"metadata": {\n\t\t"name": "a"\n\t}\n}\n',
      expected: [[1, 1]],
    },
  ];
  for (const { name, text, expected } of cases) {
    await t.step(name, () => {
      const docs = parseManifests(text, "app.yaml");
      deepEqual(docs.map((d) => [d.location.documentIndex, d.location.line]), expected);
      for (const doc of docs) equal(doc.location.source, "app.yaml");
    });
  }
});

Deno.test("parseManifests() expands kind: List and *List documents with the item index", () => {
  const text = y(
    ...CM_A,
    "---",
    "apiVersion: v1",
    "kind: List",
    "items:",
    "  - apiVersion: v1",
    "    kind: Secret",
    "    metadata: {name: s}",
    "  - apiVersion: v1",
    "    kind: Service",
    "    metadata: {name: svc}",
    "---",
    "apiVersion: rbac.authorization.k8s.io/v1",
    "kind: RoleList",
    "items: []",
    "---",
    "apiVersion: v1",
    "kind: ConfigMapList",
    "items:",
    "- {apiVersion: v1, kind: ConfigMap, metadata: {name: c}}",
  );
  const docs = parseManifests(text, "list.yaml");
  deepEqual(
    docs.map((d) => [(d.value as { kind: string }).kind, d.location]),
    [
      ["ConfigMap", { source: "list.yaml", documentIndex: 1, line: 1 }],
      ["Secret", { source: "list.yaml", documentIndex: 2, item: 0, line: 8 }],
      ["Service", { source: "list.yaml", documentIndex: 2, item: 1, line: 11 }],
      ["ConfigMap", { source: "list.yaml", documentIndex: 4, item: 0, line: 22 }],
    ],
  );
  equal(docs[1]?.lineOf?.(["metadata", "name"]), 10);
});

Deno.test("parseManifests() reads scalars as the Kubernetes decoder does", () => {
  const text = y(
    "quotedOctal: '0777'",
    "octal: 0644",
    "yes: yes",
    "no: 'no'",
    "on: on",
    "bool: true",
    "quotedBool: 'true'",
    "version: 1.10",
    "date: 2026-01-01",
    "hex: 0x1F",
    "empty:",
  );
  const [doc] = parseManifests(text, "scalars.yaml");
  deepEqual(doc?.value, {
    quotedOctal: "0777",
    octal: 420,
    yes: "yes",
    no: "no",
    on: "on",
    bool: true,
    quotedBool: "true",
    version: 1.1,
    date: "2026-01-01",
    hex: 31,
    empty: null,
  });
});

Deno.test("parseManifests() resolves anchors, aliases and merge keys", () => {
  const text = y("base: &base {a: 1, b: 2}", "copy: *base", "merged:", "  <<: *base", "  b: 3");
  const [doc] = parseManifests(text, "anchors.yaml");
  deepEqual(doc?.value, { base: { a: 1, b: 2 }, copy: { a: 1, b: 2 }, merged: { a: 1, b: 3 } });
});

Deno.test("parseManifests() throws MANIFEST_PARSE with line and column, one per broken document", () => {
  throws(() => parseManifests(y("a: 1", "  b: 2"), "one.yaml"), (e: unknown) => {
    ok(e instanceof ManifestError);
    equal(e.code, "MANIFEST_PARSE");
    deepEqual([e.file, e.documentIndex, e.line, e.column], ["one.yaml", 1, 1, 4]);
    ok(
      e.message.startsWith(
        'Invalid manifest "one.yaml" document 1 (line 1, column 4): YAML syntax error: ',
      ),
    );
    deepEqual(e.details, { file: "one.yaml", documentIndex: 1, line: 1, column: 4 });
    return true;
  });
  const twoBroken = y("a: [", "---", "ok: 1", "---", "b: 'x");
  throws(() => parseManifests(twoBroken, "two.yaml"), (e: unknown) => {
    ok(e instanceof ManifestErrors);
    equal(e.code, "MANIFEST_PARSE");
    deepEqual(e.errors.map((err) => err.documentIndex), [1, 3]);
    return true;
  });
});

Deno.test("parseManifests() refuses alias bombs", () => {
  const lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
  for (let i = 0; i < 8; i++) {
    const prev = String.fromCharCode(97 + i), next = String.fromCharCode(98 + i);
    lines.push(`${next}: &${next} [${Array(10).fill(`*${prev}`).join(",")}]`);
  }
  throws(() => parseManifests(y(...lines), "bomb.yaml"), (e: unknown) => {
    ok(e instanceof ManifestError);
    equal(e.code, "MANIFEST_PARSE");
    return true;
  });
});

Deno.test("documentsFromValues() numbers array elements from 1 and expands Lists", () => {
  const list = { apiVersion: "v1", kind: "List", items: [{ kind: "A" }, { kind: "B" }] };
  const docs = documentsFromValues([{ kind: "C" }, list], "request");
  deepEqual(docs.map((d) => d.location), [
    { source: "request", documentIndex: 1 },
    { source: "request", documentIndex: 2, item: 0 },
    { source: "request", documentIndex: 2, item: 1 },
  ]);
});

Deno.test("parseManifests() reads a kind: List without items as empty", () => {
  const text = y(
    "apiVersion: v1",
    "kind: List",
    "---",
    "apiVersion: v1",
    "kind: List",
    "items: null",
  );
  deepEqual(parseManifests(text, "empty.yaml"), []);
});
