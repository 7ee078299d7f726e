import { loadYamlReader } from "../../src/manifests/mod.ts";
import { deepEqual, equal, ok } from "node:assert/strict";
import { readReference } from "../../src/manifests/_yaml.ts";
import { readPlainYaml } from "../../src/manifests/_yaml_fast.ts";
import { readYamlStream } from "../../src/manifests/_yaml_stream.ts";

// The synchronous readers need the `yaml` package (a deploy of plain YAML never loads it).
await loadYamlReader();

const FIXTURES = new URL("../fixtures/", import.meta.url).pathname;
const SNIPPETS = [":", "-", " ", '"', "'", "\n", "#", "  ", "{", "[", ",", "|", ">", "0", "- "];
const MORE = [
  ": ",
  "&a ",
  "*a",
  "!",
  "---\n",
  "~",
  "0o7",
  "1e3",
  "0644",
  "<<: ",
  ".nan",
  "? ",
  "\r",
  "\t",
];

/** What a reader made of a text, in the form both readers can give. */
function outcome(text: string, read: typeof readYamlStream): unknown {
  return read(text).map((doc) => ({
    index: doc.index,
    value: doc.value,
    line: doc.line,
    syntaxError: doc.syntaxError?.problem,
    warnings: doc.warnings,
    itemLines: Array.isArray((doc.value as { items?: unknown[] } | null)?.items)
      ? (doc.value as { items: unknown[] }).items.map((_, i) => doc.lineOf(["items", i]))
      : [],
  }));
}

function yamlFiles(dir: string): string[] {
  return [...Deno.readDirSync(dir)].flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory) return yamlFiles(path);
    return /\.ya?ml$/.test(entry.name) ? [path] : [];
  });
}

/** A small deterministic generator, so a failure names a reproducible text. */
function random(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
}

function mutate(text: string, next: () => number): string {
  const lines = text.split("\n");
  const i = Math.floor(next() * lines.length);
  const line = lines[i] ?? "";
  const at = Math.floor(next() * (line.length + 1));
  const snippets = [...SNIPPETS, ...MORE];
  const op = next();
  if (op < 0.45) {
    const snippet = snippets[Math.floor(next() * snippets.length)];
    lines[i] = line.slice(0, at) + snippet + line.slice(at);
  } else if (op < 0.65) lines[i] = line.slice(0, at) + line.slice(at + 1);
  else if (op < 0.8) lines.splice(i, 0, line);
  else if (op < 0.9) lines[i] = line.startsWith(" ") ? line.slice(1) : ` ${line}`;
  else lines.splice(i, 1);
  return lines.join("\n");
}

Deno.test("the fast YAML path reads every fixture and its mutations as the yaml package does", () => {
  const next = random(15);
  let fast = 0;
  for (const file of yamlFiles(FIXTURES)) {
    const text = Deno.readTextFileSync(file);
    const texts = text.length > 200_000
      ? [text]
      : [text, ...Array.from({ length: 4 }, () => mutate(text, next))];
    for (const variant of texts) {
      if (readPlainYaml(variant) === undefined) continue;
      fast++;
      deepEqual(outcome(variant, readYamlStream), outcome(variant, readReference), variant);
    }
  }
  ok(fast > 100, `only ${fast} texts took the fast path`);
});

Deno.test("the fast YAML path reads YAML 1.1 octal, core-schema scalars and quoted look-alikes", () => {
  const text = [
    "mode: 0644",
    "octal: 0o17",
    "hex: 0x1F",
    "int: -12",
    "float: 1.50",
    "exp: 1e3",
    "bools: [true, False, TRUE, yes, no, on]",
    "nulls: [~, null, Null, NULL, '']",
    "strings: ['0644', \"true\", 1_000, 12:30, 0b101, +.5]",
    "",
  ].join("\n");
  ok(readPlainYaml(text) !== undefined);
  deepEqual(outcome(text, readYamlStream), outcome(text, readReference));
  equal((readYamlStream(text)[0]?.value as { mode: number }).mode, 420);
});

Deno.test("texts the fast path cannot promise to read alike go to the yaml package", async (t) => {
  const texts: Record<string, string> = {
    "an alias inside an anchored node": "a: &x {b: 1}\nc: &y [*x]\nd: *y\n",
    "an anchor named twice": "a: &x 1\nb: &x 2\nc: *x\n",
    "an anchored key": "&k a: 1\nb: *k\n",
    "an alias as a key": "a: &x k\n*x : 1\n",
    "an alias to no anchor": "a: *x\n",
    "an alias to its own anchor": "a: &x [1, *x]\n",
    "more than 99 aliases": `a: &x 1\nb: [${Array(100).fill("*x").join(", ")}]\n`,
    "a merge key": "base: {a: 1}\nderived:\n  <<: {a: 2}\n",
    "a tag": "a: !!str 1\n",
    "a directive": "%YAML 1.2\n---\na: 1\n",
    "an explicit key": "? a\n: 1\n",
    "a collection as a key": "[a, b]: 1\n",
    "a null key": ": 1\nb: 2\n",
    "a non-finite number": "a: .nan\n",
    "a tab": "a:\t1\n",
    "a carriage return without a line feed": "a: 1\rb: 2\n",
    "a flow collection closed at its parent's indent": "a: [\n  1\n]\n",
    "a root scalar": "just text\n",
    "JSON": '{"a": 1}\n',
  };
  for (const [name, text] of Object.entries(texts)) {
    await t.step(name, () => {
      equal(readPlainYaml(text), undefined);
      deepEqual(outcome(text, readYamlStream), outcome(text, readReference));
    });
  }
});

Deno.test("the fast path reads simple anchors and aliases as the yaml package does", () => {
  const texts = [
    "a: &x 1\nb: *x\n",
    "spec:\n  selector:\n    matchLabels: &a1\n      app: web\n  template:\n    metadata:\n      labels: *a1\n",
    "items:\n  - &one {name: a}\n  - *one\n  - b\n---\nx: &x [1, 2]\ny: *x\nz: &x2 q\n",
    `a: &x 1\nb: [${Array(99).fill("*x").join(", ")}]\n`,
  ];
  for (const text of texts) {
    ok(readPlainYaml(text) !== undefined, text);
    deepEqual(outcome(text, readYamlStream), outcome(text, readReference), text);
  }
});

Deno.test("the fast path reads CRLF line ends, a byte order mark and Unicode separators alike", () => {
  const texts = [
    "apiVersion: v1\r\nkind: ConfigMap\r\n---\r\nkind: X\r\ndata:\r\n  a: |\r\n    x\r\n",
    "\uFEFFapiVersion: v1\nkind: A\n---\nkind: B\n",
    "a: x\u0085y\nb: 2\n---\nc: 1\n",
    "a: x\u2028y\nb: 2\n---\nc: 1\n",
  ];
  for (const text of texts) {
    ok(readPlainYaml(text) !== undefined, JSON.stringify(text));
    deepEqual(outcome(text, readYamlStream), outcome(text, readReference));
  }
});

Deno.test("a field's line on the fast path comes from the yaml package when asked for", () => {
  const text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  key: value\n";
  const [doc] = readYamlStream(text);
  equal(doc?.line, 1);
  equal(doc?.lineOf(["data", "key"]), 6);
  equal(doc?.lineOf(["metadata", "missing"]), 3);
});
