import { loadYamlReader } from "../../src/manifests/mod.ts";
import { deepEqual, equal, fail } from "node:assert/strict";
import {
  checkManifestSources,
  loadManifestSources,
  ManifestError,
  ManifestErrors,
} from "../../src/manifests/mod.ts";
import { assertManifestError, type ExpectedError } from "./_expect.ts";

// The synchronous readers need the `yaml` package (a deploy of plain YAML never loads it).
await loadYamlReader();

/** A Deployment of 15 lines: `replicas` is on line 6, `container` lines go from line 16. */
function deployment(replicas = "2", container: string[] = []): string {
  return [
    "apiVersion: apps/v1",
    "kind: Deployment",
    "metadata:",
    "  name: web",
    "spec:",
    `  replicas: ${replicas}`,
    "  selector:",
    "    matchLabels: {app: web}",
    "  template:",
    "    metadata:",
    "      labels: {app: web}",
    "    spec:",
    "      containers:",
    "        - name: web",
    "          image: nginx",
    ...container.map((line) => `          ${line}`),
  ].join("\n") + "\n";
}

async function errorsOf(text: string): Promise<ManifestError[]> {
  try {
    await checkManifestSources([{ name: "bad.yaml", text }]);
  } catch (e) {
    if (e instanceof ManifestErrors) return [...e.errors];
    if (e instanceof ManifestError) return [e];
    throw e;
  }
  return fail("expected a manifest error, but loading succeeded");
}

const C = "spec.template.spec.containers[0]";
type Case = [name: string, text: string, line: number, field: string, message: string];

/** Each object breaks its kind's OpenAPI schema in one field. */
const SCHEMA: Case[] = [
  [
    "replicas as a word",
    deployment("three"),
    6,
    "spec.replicas",
    'must be an integer, not "three"',
  ],
  [
    "replicas as a float",
    deployment("1.5"),
    6,
    "spec.replicas",
    "must be an integer, not 1.5",
  ],
  [
    "containerPort as a string",
    deployment("2", ["ports: [{containerPort: '80'}]"]),
    16,
    `${C}.ports[0].containerPort`,
    'must be an integer, not "80"',
  ],
  [
    "a CPU limit that is no quantity",
    deployment("2", ["resources: {limits: {cpu: lots}}"]),
    16,
    `${C}.resources.limits.cpu`,
    'has invalid value "lots": must be a quantity',
  ],
  [
    "memory in GB",
    deployment("2", ["resources:", "  requests:", "    memory: 1GB"]),
    18,
    `${C}.resources.requests.memory`,
    "must be a quantity",
  ],
  [
    "an unknown imagePullPolicy",
    deployment("2", ["imagePullPolicy: Sometimes"]),
    16,
    `${C}.imagePullPolicy`,
    'must be one of "Always", "IfNotPresent", "Never"',
  ],
  [
    "an env value as a number",
    deployment("2", ["env: [{name: A, value: 1}]"]),
    16,
    `${C}.env[0].value`,
    "must be a string, not 1",
  ],
  [
    "an env entry without name",
    deployment("2", ["env:", "  - value: x"]),
    17,
    `${C}.env[0].name`,
    "is required",
  ],
  [
    "command as a string",
    deployment("2", ["command: echo hi"]),
    16,
    `${C}.command`,
    "must be a list",
  ],
  [
    "a Deployment without selector",
    deployment().replace("  selector:\n    matchLabels: {app: web}\n", ""),
    5,
    "spec.selector",
    "is required",
  ],
  [
    "a Pod without containers",
    "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  restartPolicy: Never\n",
    4,
    "spec.containers",
    "is required",
  ],
  [
    "a misspelt Service type",
    "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  type: LoadBalancr\n  ports: [{port: 80}]\n",
    5,
    "spec.type",
    "must be one of",
  ],
  [
    "an HPA with minReplicas as a word",
    "apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: h}\nspec:\n  scaleTargetRef: {kind: Deployment, name: web}\n  minReplicas: one\n  maxReplicas: 3\n",
    6,
    "spec.minReplicas",
    "must be an integer",
  ],
];

Deno.test("checkManifestSources() refuses built-in kinds that break their schema, at the field's line", async (t) => {
  for (const [name, text, line, field, message] of SCHEMA) {
    await t.step(name, async () => {
      const errors = await errorsOf(text);
      equal(errors.length, 1, errors.map((e) => e.message).join("\n"));
      const expected: ExpectedError = {
        code: "MANIFEST_INVALID",
        documentIndex: 1,
        line,
        field,
        message,
      };
      assertManifestError(errors[0]!, expected);
    });
  }
});

Deno.test("checkManifestSources() reports schema errors together with those of other documents", async () => {
  const text = "apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n---\n" + deployment("x");
  const errors = await errorsOf(text);
  deepEqual(errors.map((e) => [e.documentIndex, e.line, e.field]), [
    [1, 3, "metadata.name"],
    [2, 10, "spec.replicas"],
  ]);
});

Deno.test("checkManifestSources() accepts valid objects and leaves kinds without a schema alone", async () => {
  const widget =
    "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {replicas: many}\n";
  const valid = [
    deployment("2", [
      "ports: [{containerPort: 80, name: http}]",
      "resources: {limits: {cpu: 500m, memory: 1Gi}}",
    ]),
    "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  ports: [{port: 80, targetPort: http}]\n",
    "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, creationTimestamp: null}\ndata: {a: b}\n",
    widget,
  ];
  const loaded = await checkManifestSources([{ name: "ok.yaml", text: valid.join("---\n") }]);
  deepEqual(loaded.objects.map((o) => o.object.kind), [
    "Deployment",
    "Service",
    "ConfigMap",
    "Widget",
  ]);
  deepEqual(loaded.warnings, []);
});

Deno.test("loadManifestSources() stays synchronous and leaves the schema checks to checkManifestSources()", () => {
  const loaded = loadManifestSources([{ name: "d.yaml", text: deployment("three") }]);
  equal(loaded.objects.length, 1);
});
