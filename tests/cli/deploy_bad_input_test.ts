import { deepEqual, equal, match } from "node:assert/strict";
import { cliWorld } from "../_cli.ts";

const CM = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ok\ndata:\n  a: "1"\n';

/** Each case: a manifest file that must be refused with exit code 2 and the given error code. */
const BAD: { name: string; yaml: string; code: string; text: RegExp; flags?: string[] }[] = [
  {
    name: "YAML syntax error",
    yaml: "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x\n",
    code: "MANIFEST_PARSE",
    text: /line/,
  },
  {
    name: "tab indentation",
    yaml: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n\tname: x\n",
    code: "MANIFEST_PARSE",
    text: /line/,
  },
  {
    name: "missing apiVersion",
    yaml: "kind: ConfigMap\nmetadata:\n  name: x\n",
    code: "MANIFEST_INVALID",
    text: /apiVersion/,
  },
  {
    name: "missing kind",
    yaml: "apiVersion: v1\nmetadata:\n  name: x\n",
    code: "MANIFEST_INVALID",
    text: /kind/,
  },
  {
    name: "missing metadata",
    yaml: "apiVersion: v1\nkind: ConfigMap\n",
    code: "MANIFEST_INVALID",
    text: /metadata/,
  },
  {
    name: "missing metadata.name",
    yaml: "apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n",
    code: "MANIFEST_INVALID",
    text: /metadata\.name/,
  },
  {
    name: "generateName instead of name",
    yaml: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  generateName: x-\n",
    code: "MANIFEST_INVALID",
    text: /generateName/,
  },
  {
    name: "uppercase name",
    yaml: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Web\n",
    code: "MANIFEST_INVALID",
    text: /metadata\.name/,
  },
  {
    name: "name with underscore",
    yaml: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: my_app\n",
    code: "MANIFEST_INVALID",
    text: /metadata\.name/,
  },
  {
    name: "name too long",
    yaml: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${"a".repeat(254)}\n`,
    code: "MANIFEST_INVALID",
    text: /metadata\.name/,
  },
  {
    name: "Service name with dots",
    yaml: "apiVersion: v1\nkind: Service\nmetadata:\n  name: a.b\nspec:\n  ports: [{port: 80}]\n",
    code: "MANIFEST_INVALID",
    text: /metadata\.name/,
  },
  {
    name: "Namespace name with dots",
    yaml: "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a.b\n",
    code: "MANIFEST_INVALID",
    text: /metadata\.name/,
  },
  {
    name: "apiVersion not a string",
    yaml: "apiVersion: 1\nkind: ConfigMap\nmetadata:\n  name: x\n",
    code: "MANIFEST_INVALID",
    text: /apiVersion/,
  },
  {
    name: "malformed apiVersion",
    yaml: "apiVersion: apps/v1/extra\nkind: Deployment\nmetadata:\n  name: x\n",
    code: "MANIFEST_INVALID",
    text: /apiVersion/,
  },
  {
    name: "lowercase kind",
    yaml: "apiVersion: v1\nkind: configmap\nmetadata:\n  name: x\n",
    code: "MANIFEST_INVALID",
    text: /kind/,
  },
  { name: "top-level list", yaml: "- a\n- b\n", code: "MANIFEST_INVALID", text: /object/ },
  { name: "top-level scalar", yaml: "hello\n", code: "MANIFEST_INVALID", text: /object/ },
  {
    name: "metadata is a string",
    yaml: "apiVersion: v1\nkind: ConfigMap\nmetadata: web\n",
    code: "MANIFEST_INVALID",
    text: /metadata/,
  },
  {
    name: "invalid label key",
    yaml: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  labels:\n    'bad key!': v\n",
    code: "MANIFEST_INVALID",
    text: /label/,
  },
  {
    name: "invalid label value",
    yaml:
      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  labels:\n    app: 'not valid!'\n",
    code: "MANIFEST_INVALID",
    text: /label/,
  },
  {
    name: "label value not a string",
    yaml: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  labels:\n    replicas: 3\n",
    code: "MANIFEST_INVALID",
    text: /label/,
  },
  {
    name: "invalid annotation key",
    yaml: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  annotations:\n    '-bad': v\n",
    code: "MANIFEST_INVALID",
    text: /annotation/,
  },
  {
    name: "duplicate object",
    yaml: `${CM}---\n${CM}`,
    code: "MANIFEST_INVALID",
    text: /already defined|twice|duplicate/i,
  },
  {
    name: "namespace conflicts with --namespace",
    yaml: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  namespace: other\n",
    code: "MANIFEST_INVALID",
    text: /namespace/,
    flags: ["-n", "default"],
  },
  {
    name: "invalid namespace value",
    yaml: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  namespace: Bad_NS\n",
    code: "MANIFEST_INVALID",
    text: /namespace/,
  },
  {
    name: "Secret data not base64",
    yaml: "apiVersion: v1\nkind: Secret\nmetadata:\n  name: x\ndata:\n  password: 'not base64!'\n",
    code: "MANIFEST_INVALID",
    text: /base64/,
  },
  {
    name: "ConfigMap data value not a string",
    yaml: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  port: 8080\n",
    code: "MANIFEST_INVALID",
    text: /data/,
  },
  {
    name: "List item without kind",
    yaml: "apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    metadata:\n      name: x\n",
    code: "MANIFEST_INVALID",
    text: /kind/,
  },
  {
    name: "an invalid document after a valid one",
    yaml: `${CM}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {}\n`,
    code: "MANIFEST_INVALID",
    text: /document 2/,
  },
  {
    name: "unknown kind",
    yaml: "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: x\n",
    code: "KUBE_NOT_FOUND_KIND",
    text: /Widget/,
  },
];

Deno.test("nopea deploy refuses bad input with exit code 2 and applies nothing", async (t) => {
  await using world = await cliWorld();
  for (const [i, c] of BAD.entries()) {
    await t.step(c.name, async () => {
      const file = await world.write(`bad-${i}.yaml`, c.yaml);
      const { code, io } = await world.run([
        "deploy",
        "-f",
        file,
        "-s",
        "web",
        "-o",
        "json",
        ...(c.flags ?? []),
      ]);
      equal(code, 2, io.out() + io.err());
      const body = JSON.parse(io.out()) as {
        error: { code: string; message: string; hint?: string };
      };
      equal(body.error.code, c.code);
      match(body.error.message, c.text);
      match(body.error.message, new RegExp(`bad-${i}\\.yaml|Widget`));
      const applied = await world.sandbox.cluster.list("v1", "ConfigMap", {
        labelSelector: "nopea.io/service",
      });
      deepEqual(applied, [], "nothing was applied");
    });
  }
  equal(BAD.length >= 25, true);
});

Deno.test("nopea deploy prints errors as text with a hint and no stack trace", async () => {
  await using world = await cliWorld();
  const file = await world.write("bad.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n");
  const { code, io } = await world.run(["deploy", "-f", file, "-s", "web"]);
  equal(code, 2);
  match(io.err(), /^Error \[MANIFEST_INVALID\]: .*bad\.yaml.*metadata\.name/m);
  match(io.err(), /^Hint: /m);
  equal(/\bat .*\.ts:\d+/.test(io.err()), false, "no stack trace");
});
