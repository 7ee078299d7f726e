import { loadYamlReader } from "../../src/manifests/mod.ts";
import { deepEqual, equal, ok, throws } from "node:assert/strict";
import { isNopeaError } from "../../src/shared/mod.ts";
import { loadManifestSources, MANIFEST_LIMITS } from "../../src/manifests/mod.ts";
import { type ExpectedError, expectOneError } from "./_expect.ts";

// The synchronous readers need the `yaml` package (a deploy of plain YAML never loads it).
await loadYamlReader();

/** Joins lines with "\n", so that line numbers in the table are easy to count. */
function y(...lines: string[]): string {
  return lines.join("\n") + "\n";
}

const CM = ["apiVersion: v1", "kind: ConfigMap", "metadata:", "  name: a"];
const JSON_CM = '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a"}';

/** Each text must be refused with MANIFEST_PARSE at exactly this place. */
const REFUSED: (Omit<ExpectedError, "code"> & { name: string; text: string })[] = [
  // Raw control characters, which YAML forbids and kubectl refuses.
  {
    name: "a raw NUL",
    text: y(...CM, "data:", "  a: b\0c"),
    documentIndex: 1,
    line: 6,
    column: 7,
    message: "U+0000 (NUL)",
  },
  {
    name: "a raw BEL",
    text: y(...CM, "data: {a: \x07}"),
    documentIndex: 1,
    line: 5,
    column: 11,
    message: "U+0007 (BEL)",
  },
  {
    name: "a raw ESC in a comment",
    text: y("# \x1b[31m", ...CM),
    documentIndex: 1,
    line: 1,
    column: 3,
    message: "U+001B (ESC)",
  },
  {
    name: "a raw DEL",
    text: y(...CM, "data: {a: b\x7f}"),
    documentIndex: 1,
    line: 5,
    column: 12,
    message: "U+007F (DEL)",
  },
  {
    name: "a C1 control",
    text: y(...CM, "data: {a: \x81}"),
    documentIndex: 1,
    line: 5,
    column: 11,
    message: "U+0081",
  },
  {
    name: "a lone surrogate",
    text: y(...CM, "data: {a: \uD800}"),
    documentIndex: 1,
    line: 5,
    column: 11,
    message: "U+D800",
  },
  {
    name: "a control character in the third document",
    text: y(...CM, "---", ...CM, "---", "\f", ...CM),
    documentIndex: 3,
    line: 11,
    column: 1,
    message: "U+000C",
  },
  // Texts that start with '{' are JSON to kubectl: what YAML would forgive, JSON does not.
  {
    name: "a JSON trailing comma",
    text: y(JSON_CM + ",}"),
    documentIndex: 1,
    line: 1,
    column: 68,
    message: "JSON syntax error: a trailing comma",
  },
  {
    name: "a JSON trailing comma in a list",
    text: y('{"items": [1, 2,]}'),
    documentIndex: 1,
    line: 1,
    column: 16,
    message: "trailing comma",
  },
  {
    name: "a JSON comment",
    text: y("{", "  // the name", '  "kind": "ConfigMap"}'),
    documentIndex: 1,
    line: 2,
    column: 3,
    message: "comments are not allowed in JSON",
  },
  {
    name: "JSON NaN",
    text: y(JSON_CM + ', "x": NaN}'),
    documentIndex: 1,
    line: 1,
    column: 75,
    message: "NaN and Infinity are not JSON numbers",
  },
  {
    name: "JSON -Infinity",
    text: y(JSON_CM + ', "x": -Infinity}'),
    documentIndex: 1,
    line: 1,
    column: 75,
    message: "NaN and Infinity",
  },
  {
    name: "JSON single quotes",
    text: y("{'kind': 'ConfigMap'}"),
    documentIndex: 1,
    line: 1,
    column: 2,
    message: "double quotes",
  },
  {
    name: "a JSON key without quotes",
    text: y('{kind: "ConfigMap"}'),
    documentIndex: 1,
    line: 1,
    column: 2,
    message: "property name in quotes",
  },
  {
    name: "a JSON hex number",
    text: y('{"x": 0x10}'),
    documentIndex: 1,
    line: 1,
    column: 7,
    message: 'unexpected "0x10"',
  },
  {
    name: "a raw tab inside a JSON string",
    text: y('{"kind": "Config\tMap"}'),
    documentIndex: 1,
    line: 1,
    column: 10,
    message: "raw control character",
  },
  // Values with no JSON form: the deploy would send something else than was written.
  {
    name: "YAML .nan",
    text: y(...CM, "x: .nan"),
    documentIndex: 1,
    line: 5,
    column: 4,
    message: "the value .nan (NaN) has no JSON form",
  },
  {
    name: "YAML -.inf",
    text: y(...CM, "x: [1, -.inf]"),
    documentIndex: 1,
    line: 5,
    column: 8,
    message: "-.inf (-Infinity)",
  },
  {
    name: "a !!binary value",
    text: y(...CM, "binaryData: {a: !!binary aGk=}"),
    documentIndex: 1,
    line: 5,
    column: 26,
    message: "!!binary",
  },
  {
    name: "a !!set value",
    text: y(...CM, "x: !!set {a, b}"),
    documentIndex: 1,
    line: 5,
    column: 10,
    message: "!!set",
  },
  {
    name: "a list as a map key",
    text: y(...CM, "data:", "  ? [a, b]", "  : c"),
    documentIndex: 1,
    line: 6,
    column: 5,
    message: "a map key must be a string",
  },
  {
    name: "nesting deeper than the limit",
    text: y(`x: ${"[".repeat(300)}${"]".repeat(300)}`),
    documentIndex: 1,
    line: 1,
    column: 259,
    message: `deeper than ${MANIFEST_LIMITS.depth} levels`,
  },
  // Aliases: circular ones would make the deploy fail with "Converting circular structure".
  {
    name: "an alias inside its own anchor",
    text: y("a: &x [*x]"),
    documentIndex: 1,
    line: 1,
    column: 8,
    message: "alias *x is inside its own anchor &x",
  },
  {
    name: "an alias to its ancestor",
    text: y(...CM, "data: &x", "  a: *x"),
    documentIndex: 1,
    line: 6,
    column: 6,
    message: "(circular)",
  },
  {
    name: "a merge key of its own map",
    text: y(...CM, "data: &x", "  a: b", "  <<: *x"),
    documentIndex: 1,
    line: 7,
    column: 7,
    message: "(circular)",
  },
  {
    name: "an alias before its anchor",
    text: y(...CM, "data: {a: *x, b: &x c}"),
    documentIndex: 1,
    line: 5,
    column: 11,
    message: "refers to no anchor &x before it",
  },
  // Directives: one %YAML (1.x) and one %TAG per handle.
  {
    name: "a duplicate %YAML directive",
    text: y("%YAML 1.2", "%YAML 1.2", "---", ...CM),
    documentIndex: 1,
    line: 2,
    column: 1,
    message: "duplicate %YAML directive",
  },
  {
    name: "a duplicate %YAML in the second document",
    text: y(...CM, "...", "%YAML 1.1", "%YAML 1.1", "---", ...CM),
    documentIndex: 2,
    line: 7,
    column: 1,
    message: "duplicate %YAML",
  },
  {
    name: "a duplicate %TAG handle",
    text: y("%TAG !k! tag:a:", "%TAG !k! tag:b:", "---", ...CM),
    documentIndex: 1,
    line: 2,
    column: 1,
    message: "duplicate %TAG !k! directive",
  },
  {
    name: "an unsupported YAML version",
    text: y("%YAML 2.0", "---", ...CM),
    documentIndex: 1,
    line: 1,
    column: 1,
    message: "unsupported YAML version 2.0",
  },
];

Deno.test("loadManifestSources() refuses what kubectl refuses, at the document, line and column", async (t) => {
  for (const { name, text, ...expected } of REFUSED) {
    await t.step(name, () => expectOneError(text, { code: "MANIFEST_PARSE", ...expected }));
  }
});

Deno.test("loadManifestSources() still reads what kubectl reads", async (t) => {
  const cases: [string, string, unknown][] = [
    ["a YAML flow map with a trailing comma", y(...CM, "data: {a: b,}"), { a: "b" }],
    ["escapes in double quotes", y(...CM, 'data: {a: "\\0\\t\\u0007"}'), { a: "\0\t\x07" }],
    ["tabs, emoji and CJK", y(...CM, "data: {a: 'x\ty 🚀 漢字'}"), { a: "x\ty 🚀 漢字" }],
    ["a quoted .nan", y(...CM, "data: {a: '.nan'}"), { a: ".nan" }],
    ["a byte order mark", "\uFEFF" + y(...CM, "data: {a: b}"), { a: "b" }],
    ["%YAML 1.1", y("%YAML 1.1", "---", ...CM, "data: {a: b}"), { a: "b" }],
    ["an alias after its anchor", y(...CM, "data: {a: &x v, b: *x}"), { a: "v", b: "v" }],
    ["strict JSON", y(JSON_CM + ', "data": {"a": "\\u0000"}}'), { a: "\0" }],
    ["CRLF line ends", y(...CM, "data: {a: b}").replaceAll("\n", "\r\n"), { a: "b" }],
  ];
  for (const [name, text, data] of cases) {
    await t.step(name, () => {
      const loaded = loadManifestSources([{ name: "ok.yaml", text }]);
      deepEqual(loaded.objects.map((o) => o.object["data"]), [data]);
    });
  }
});

Deno.test("loadManifestSources() refuses an oversize document or file before parsing it", async (t) => {
  await t.step("a document over 3 MiB, named with its line", () => {
    const big = y(...CM, "---", ...CM, `data: {a: '${"x".repeat(MANIFEST_LIMITS.documentBytes)}'}`);
    expectOneError(big, {
      code: "MANIFEST_PARSE",
      documentIndex: 2,
      line: 6,
      message: "over the limit of 3145728 bytes (3 MiB)",
    });
  });
  await t.step("a text over 8 MiB, refused fast with the limit in the message", () => {
    const text = "#".repeat(MANIFEST_LIMITS.fileBytes + 1);
    const started = performance.now();
    throws(() => loadManifestSources([{ name: "huge.yaml", text }]), (e: unknown) => {
      ok(isNopeaError(e));
      equal(e.code, "MANIFEST_INVALID");
      equal(
        e.message,
        'Cannot load manifests: "huge.yaml" is 8388609 bytes, over the limit of 8388608 bytes ' +
          "(8 MiB) for one manifest file",
      );
      ok(e.hint?.includes("3 MiB"));
      return true;
    });
    ok(performance.now() - started < 2000, "refused without parsing");
  });
});
