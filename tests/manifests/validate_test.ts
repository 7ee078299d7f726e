import { loadYamlReader } from "../../src/manifests/mod.ts";
import { deepEqual, equal, ok } from "node:assert/strict";
import {
  documentsFromValues,
  loadManifestSources,
  parseManifests,
  validateManifests,
} from "../../src/manifests/mod.ts";
import { type ExpectedError, expectOneError, manifestErrorsOf } from "./_expect.ts";

// The synchronous readers need the `yaml` package (a deploy of plain YAML never loads it).
await loadYamlReader();

/** Joins lines with "\n", so that line numbers in the table are easy to count. */
function y(...lines: string[]): string {
  return lines.join("\n") + "\n";
}

const CM = ["apiVersion: v1", "kind: ConfigMap"];
const long = (n: number) => "a".repeat(n);

interface BadCase extends ExpectedError {
  name: string;
  text: string;
  namespace?: string;
}

const BAD: BadCase[] = [
  {
    name: "tab indentation",
    text: y(...CM, "metadata:", "\tname: a"),
    code: "MANIFEST_PARSE",
    documentIndex: 1,
    line: 4,
    column: 1,
    message: "YAML syntax error: Tabs are not allowed as indentation",
  },
  {
    name: "duplicate key",
    text: y(...CM, "kind: Secret", "metadata: {name: a}"),
    code: "MANIFEST_PARSE",
    documentIndex: 1,
    line: 3,
    column: 1,
    message: "Map keys must be unique",
  },
  {
    name: "unterminated JSON object",
    text: y('{"apiVersion": "v1",', ' "kind": "ConfigMap",', ' "metadata": {"name": "a"}'),
    code: "MANIFEST_PARSE",
    documentIndex: 1,
    line: 4,
    message: "Flow map must end with a }",
  },
  {
    name: "unclosed quote in the second document",
    text: y(...CM, "metadata: {name: a}", "---", "apiVersion: v1", 'kind: "Secret', "metadata: {}"),
    code: "MANIFEST_PARSE",
    documentIndex: 2,
    line: 8,
    message: "Missing closing",
  },
  {
    name: "a list at top level",
    text: y("- apiVersion: v1", "  kind: ConfigMap"),
    code: "MANIFEST_INVALID",
    documentIndex: 1,
    line: 1,
    message: "document must be an object with apiVersion, kind and metadata, not a list",
  },
  {
    name: "a scalar document",
    text: y(...CM, "metadata: {name: a}", "---", "just text"),
    code: "MANIFEST_INVALID",
    documentIndex: 2,
    line: 5,
    message: "not a string",
  },
  {
    name: "missing apiVersion",
    text: y("kind: ConfigMap", "metadata:", "  name: a"),
    code: "MANIFEST_INVALID",
    documentIndex: 1,
    line: 1,
    field: "apiVersion",
    message: "is required",
  },
  {
    name: "apiVersion that is a number",
    text: y("kind: ConfigMap", "apiVersion: 1", "metadata: {name: a}"),
    code: "MANIFEST_INVALID",
    documentIndex: 1,
    line: 2,
    field: "apiVersion",
    message: "must be a string, not 1",
  },
  {
    name: "apiVersion with two slashes",
    text: y("apiVersion: apps/v1/beta", "kind: Deployment", "metadata: {name: a}"),
    code: "MANIFEST_INVALID",
    documentIndex: 1,
    line: 1,
    field: "apiVersion",
    message: '"apps/v1/beta": expected "group/version" or "version"',
  },
  {
    name: "missing kind",
    text: y("apiVersion: v1", "metadata:", "  name: a"),
    code: "MANIFEST_INVALID",
    documentIndex: 1,
    line: 1,
    field: "kind",
  },
  {
    name: "kind that is not PascalCase",
    text: y("apiVersion: v1", "kind: configMap", "metadata: {name: a}"),
    code: "MANIFEST_INVALID",
    documentIndex: 1,
    line: 2,
    field: "kind",
    message: "must be PascalCase",
  },
  {
    name: "missing metadata",
    text: y(...CM, "data: {a: b}"),
    code: "MANIFEST_INVALID",
    documentIndex: 1,
    line: 1,
    field: "metadata",
    message: "is required",
  },
  {
    name: "metadata that is a string",
    text: y(...CM, "metadata: web"),
    code: "MANIFEST_INVALID",
    documentIndex: 1,
    line: 3,
    field: "metadata",
    message: "must be an object, not a string",
  },
  {
    name: "missing metadata.name",
    text: y(...CM, "metadata:", "  labels: {app: web}"),
    code: "MANIFEST_INVALID",
    documentIndex: 1,
    line: 3,
    field: "metadata.name",
    message: "is required",
  },
  {
    name: "generateName instead of a name",
    text: y("apiVersion: batch/v1", "kind: Job", "metadata:", "  generateName: migrate-"),
    code: "MANIFEST_INVALID",
    documentIndex: 1,
    line: 4,
    field: "metadata.generateName",
    message: "server-side apply needs a fixed name",
  },
  {
    name: "upper-case name",
    text: y(...CM, "metadata:", "  name: Web"),
    code: "MANIFEST_INVALID",
    documentIndex: 1,
    line: 4,
    field: "metadata.name",
    message: "DNS-1123 subdomain",
  },
  {
    name: "name longer than 253 characters",
    text: y(...CM, "metadata:", `  name: ${long(254)}`),
    code: "MANIFEST_INVALID",
    documentIndex: 1,
    line: 4,
    field: "metadata.name",
  },
  {
    name: "Namespace name with a dot (labels only)",
    text: y("apiVersion: v1", "kind: Namespace", "metadata:", "  name: team.a"),
    code: "MANIFEST_INVALID",
    documentIndex: 1,
    line: 4,
    field: "metadata.name",
    message: "DNS-1123 label",
  },
  {
    name: "Service name with a dot (labels only)",
    text: y("apiVersion: v1", "kind: Service", "metadata:", "  name: web.v2"),
    code: "MANIFEST_INVALID",
    documentIndex: 1,
    line: 4,
    field: "metadata.name",
    message: "DNS-1123 label",
  },
  {
    name: "RBAC name with a slash (path segment rule)",
    text: y(
      "apiVersion: rbac.authorization.k8s.io/v1",
      "kind: ClusterRole",
      "metadata:",
      "  name: a/b",
    ),
    code: "MANIFEST_INVALID",
    documentIndex: 1,
    line: 4,
    field: "metadata.name",
    message: "must not contain '/' or '%'",
  },
  {
    name: "upper-case namespace",
    text: y(...CM, "metadata:", "  name: web", "  namespace: Prod"),
    code: "MANIFEST_INVALID",
    documentIndex: 1,
    line: 5,
    field: "metadata.namespace",
  },
  {
    name: "label key starting with '-'",
    text: y(...CM, "metadata:", "  name: web", "  labels:", "    -app: web"),
    code: "MANIFEST_INVALID",
    documentIndex: 1,
    line: 6,
    field: 'metadata.labels["-app"]',
    message: "invalid key",
  },
  {
    name: "label key prefix longer than 253 characters",
    text: y(...CM, "metadata:", "  name: web", "  labels:", `    ${long(254)}/x: web`),
    code: "MANIFEST_INVALID",
    documentIndex: 1,
    line: 6,
    field: `metadata.labels["${long(254)}/x"]`,
    message: "prefix",
  },
  {
    name: "label value longer than 63 characters",
    text: y(...CM, "metadata:", "  name: web", "  labels:", `    app: ${long(64)}`),
    code: "MANIFEST_INVALID",
    documentIndex: 1,
    line: 6,
    field: "metadata.labels.app",
    message: "at most 63",
  },
  {
    name: "label value with a space",
    text: y(...CM, "metadata:", "  name: web", "  labels:", "    app: my web"),
    code: "MANIFEST_INVALID",
    documentIndex: 1,
    line: 6,
    field: "metadata.labels.app",
  },
  {
    name: "label value that is a number",
    text: y(...CM, "metadata:", "  name: web", "  labels:", "    version: 1.2"),
    code: "MANIFEST_INVALID",
    documentIndex: 1,
    line: 6,
    field: "metadata.labels.version",
    message: "must be a string, not 1.2",
  },
  {
    name: "labels that are a list",
    text: y(...CM, "metadata:", "  name: web", "  labels:", "    - app"),
    code: "MANIFEST_INVALID",
    documentIndex: 1,
    line: 5,
    field: "metadata.labels",
    message: "must be an object, not a list",
  },
  {
    name: "annotation value that is a boolean",
    text: y(...CM, "metadata:", "  name: web", "  annotations:", "    enabled: true"),
    code: "MANIFEST_INVALID",
    documentIndex: 1,
    line: 6,
    field: "metadata.annotations.enabled",
    message: "must be a string, not true",
  },
  {
    name: "annotations over 256 KiB",
    text: y(...CM, "metadata:", "  name: web", "  annotations:", `    big: ${long(262_200)}`),
    code: "MANIFEST_INVALID",
    documentIndex: 1,
    line: 5,
    field: "metadata.annotations",
    message: "is too large",
  },
  {
    name: "Secret data that is not base64",
    text: y(
      "apiVersion: v1",
      "kind: Secret",
      "metadata: {name: db}",
      "data:",
      "  password: hunter2!",
    ),
    code: "MANIFEST_INVALID",
    documentIndex: 1,
    line: 5,
    field: "data.password",
    message: "must be base64-encoded",
  },
  {
    name: "ConfigMap data value that is a number",
    text: y(...CM, "metadata: {name: web}", "data:", "  port: 8080"),
    code: "MANIFEST_INVALID",
    documentIndex: 1,
    line: 5,
    field: "data.port",
    message: "must be a string, not 8080",
  },
  {
    name: "ConfigMap data key with a slash",
    text: y(...CM, "metadata: {name: web}", "data:", "  conf/app.ini: x"),
    code: "MANIFEST_INVALID",
    documentIndex: 1,
    line: 5,
    field: 'data["conf/app.ini"]',
    message: "invalid key",
  },
  {
    name: "the same object twice",
    text: y(...CM, "metadata: {name: web}", "---", "# again", ...CM, "metadata:", "  name: web"),
    code: "MANIFEST_INVALID",
    documentIndex: 2,
    line: 9,
    field: "metadata.name",
    message: 'duplicates ConfigMap "web", already defined in "bad.yaml" document 1 (line 1)',
  },
  {
    name: "a namespace that conflicts with --namespace",
    text: y(...CM, "metadata:", "  name: web", "  namespace: staging"),
    namespace: "prod",
    code: "MANIFEST_INVALID",
    documentIndex: 1,
    line: 5,
    field: "metadata.namespace",
    message: 'is "staging", which conflicts with --namespace "prod"',
  },
  {
    name: "a List item without a name",
    text: y(
      "apiVersion: v1",
      "kind: List",
      "items:",
      "  - apiVersion: v1",
      "    kind: ConfigMap",
      "    metadata: {name: a}",
      "  - apiVersion: v1",
      "    kind: ConfigMap",
      "    metadata:",
      "      labels: {app: b}",
    ),
    code: "MANIFEST_INVALID",
    documentIndex: 1,
    item: 1,
    line: 9,
    field: "metadata.name",
    message: '"bad.yaml" document 1, items[1] (line 9)',
  },
  {
    name: "a *List whose items are not a list",
    text: y("apiVersion: v1", "kind: ConfigMapList", "metadata: {name: x}", "items:", "  a: 1"),
    code: "MANIFEST_INVALID",
    documentIndex: 1,
    line: 4,
    field: "items",
    message: "must be a list of objects",
  },
  {
    name: "a container name with upper case",
    text: y(
      "apiVersion: apps/v1",
      "kind: Deployment",
      "metadata: {name: web}",
      "spec:",
      "  template:",
      "    spec:",
      "      containers:",
      "        - name: Web",
      "          image: web:1",
    ),
    code: "MANIFEST_INVALID",
    documentIndex: 1,
    line: 8,
    field: "spec.template.spec.containers[0].name",
    message: "DNS-1123 label",
  },
  {
    name: "a container port name longer than 15 characters",
    text: y(
      "apiVersion: v1",
      "kind: Pod",
      "metadata: {name: web}",
      "spec:",
      "  containers:",
      "    - name: web",
      "      ports:",
      "        - name: http-metrics-port",
      "          containerPort: 9090",
    ),
    code: "MANIFEST_INVALID",
    documentIndex: 1,
    line: 8,
    field: "spec.containers[0].ports[0].name",
    message: "IANA service name",
  },
  {
    name: "a Service with two ports, one unnamed",
    text: y(
      "apiVersion: v1",
      "kind: Service",
      "metadata: {name: web}",
      "spec:",
      "  ports:",
      "    - {name: http, port: 80}",
      "    - port: 443",
    ),
    code: "MANIFEST_INVALID",
    documentIndex: 1,
    line: 7,
    field: "spec.ports[1].name",
    message: "is required when a Service has several ports",
  },
  {
    name: "a CRD whose name is not <plural>.<group>",
    text: y(
      "apiVersion: apiextensions.k8s.io/v1",
      "kind: CustomResourceDefinition",
      "metadata: {name: widgets.example.org}",
      "spec:",
      "  group: example.com",
      "  names: {kind: Widget, plural: widgets}",
    ),
    code: "MANIFEST_INVALID",
    documentIndex: 1,
    line: 3,
    field: "metadata.name",
    message: 'must be named "widgets.example.com"',
  },
];

Deno.test("loadManifestSources() rejects each bad input with code, file, document, line and field", async (t) => {
  ok(BAD.length >= 25);
  for (const { name, text, namespace, ...expected } of BAD) {
    await t.step(name, () => {
      expectOneError(text, expected, namespace === undefined ? {} : { namespace });
    });
  }
});

Deno.test("validateManifests() collects the errors of every document instead of stopping", () => {
  const text = y(
    "kind: ConfigMap",
    "metadata: {name: a}",
    "---",
    "apiVersion: v1",
    "kind: x",
    "metadata: {}",
  );
  const errors = manifestErrorsOf(() => validateManifests(parseManifests(text, "two.yaml")));
  deepEqual(
    errors.map((e) => [e.documentIndex, e.field]),
    [[1, "apiVersion"], [2, "kind"], [2, "metadata.name"]],
  );
});

Deno.test("validateManifests() accepts what the API server accepts", async (t) => {
  const good: [string, string][] = [
    [
      "an RBAC name with ':'",
      y(
        "apiVersion: rbac.authorization.k8s.io/v1",
        "kind: ClusterRole",
        "metadata: {name: 'system:metrics'}",
      ),
    ],
    ["status, which apply ignores", y(...CM, "metadata: {name: a}", "status: {phase: Active}")],
    [
      "a prefixed label with an empty value",
      y(...CM, "metadata:", "  name: a", "  labels: {example.com/flag: ''}"),
    ],
    [
      "a Secret with base64 and stringData",
      y(
        "apiVersion: v1",
        "kind: Secret",
        "metadata: {name: s}",
        "data: {a: aGVsbG8=}",
        "stringData: {b: plain}",
      ),
    ],
    ["a namespace equal to --namespace", y(...CM, "metadata: {name: a, namespace: prod}")],
    [
      "a cluster-scoped object with a namespace other than --namespace",
      y("apiVersion: v1", "kind: Namespace", "metadata: {name: a, namespace: x}"),
    ],
    [
      "the same name in two namespaces",
      y(
        ...CM,
        "metadata: {name: a, namespace: x}",
        "---",
        ...CM,
        "metadata: {name: a, namespace: y}",
      ),
    ],
    [
      "the same name in two kinds",
      y(
        ...CM,
        "metadata: {name: a}",
        "---",
        "apiVersion: v1",
        "kind: Secret",
        "metadata: {name: a}",
      ),
    ],
  ];
  for (const [name, text] of good) {
    await t.step(name, () => {
      const options = name.includes("--namespace") ? { namespace: "prod" } : {};
      const loaded = loadManifestSources([{ name: "good.yaml", text }], options);
      ok(loaded.objects.length >= 1);
    });
  }
});

Deno.test("validateManifests() warns about server-set metadata instead of failing", () => {
  const text = y(...CM, "metadata:", "  name: a", "  resourceVersion: '42'");
  const loaded = validateManifests(parseManifests(text, "w.yaml"));
  equal(loaded.objects.length, 1);
  equal(loaded.warnings.length, 1);
  equal(loaded.warnings[0]?.location.line, 5);
  ok(
    loaded.warnings[0]?.message.includes(
      'field "metadata.resourceVersion" is set by the API server',
    ),
  );
});

Deno.test("validateManifests() names array positions for objects given as values", () => {
  const docs = documentsFromValues(
    [{ apiVersion: "v1", kind: "ConfigMap", metadata: {} }],
    "manifests",
  );
  const [error] = manifestErrorsOf(() => validateManifests(docs));
  equal(
    error?.message,
    'Invalid manifest "manifests" document 1: field "metadata.name" is required',
  );
  equal(error?.line, undefined);
});
