import { loadYamlReader } from "../../src/manifests/mod.ts";
import { equal, match, notEqual, ok } from "node:assert/strict";
import type { KubeObject } from "../../src/manifests/mod.ts";
import { diffAction, type DiffEntry, renderDiff } from "../../src/drift/mod.ts";
import { deployment, liveDeployment, secret } from "./_objects.ts";

// renderDiff writes YAML with the `yaml` package, which is loaded on demand.
await loadYamlReader();

const ESC = "\x1b[";
const configMap = (data: Record<string, string>): KubeObject => ({
  apiVersion: "v1",
  kind: "ConfigMap",
  metadata: { name: "web", namespace: "prod" },
  data,
});
const live = (obj: KubeObject): KubeObject => ({
  ...obj,
  metadata: { ...obj.metadata, uid: "u-1", resourceVersion: "9", managedFields: [] },
});

Deno.test("renderDiff() renders each action under its heading, then a summary", async (t) => {
  const entries: DiffEntry[] = [
    { key: "ConfigMap/prod/new", action: "create", desired: configMap({ a: "1" }) },
    {
      key: "ConfigMap/prod/web",
      action: "configure",
      live: live(configMap({ a: "1", b: "2" })),
      desired: configMap({ a: "1", b: "3" }),
    },
    {
      key: "ConfigMap/prod/same",
      action: "unchanged",
      live: live(configMap({})),
      desired: configMap({}),
    },
    { key: "ConfigMap/prod/old", action: "delete", live: live(configMap({ z: "9" })) },
  ];
  const expected = [
    "+ create ConfigMap/prod/new",
    "  @@ -0,0 +1,7 @@",
    "  +apiVersion: v1",
    "  +data:",
    '  +  a: "1"',
    "  +kind: ConfigMap",
    "  +metadata:",
    "  +  name: web",
    "  +  namespace: prod",
    "~ configure ConfigMap/prod/web",
    "  @@ -1,7 +1,7 @@",
    "   apiVersion: v1",
    "   data:",
    '     a: "1"',
    '  -  b: "2"',
    '  +  b: "3"',
    "   kind: ConfigMap",
    "   metadata:",
    "     name: web",
    "= unchanged ConfigMap/prod/same",
    "- delete ConfigMap/prod/old",
    "  @@ -1,7 +0,0 @@",
    "  -apiVersion: v1",
    "  -data:",
    '  -  z: "9"',
    "  -kind: ConfigMap",
    "  -metadata:",
    "  -  name: web",
    "  -  namespace: prod",
    "1 to create, 1 to configure, 1 to delete, 1 unchanged",
    "",
  ].join("\n");
  await t.step("without color: plain text", () => {
    equal(renderDiff(entries, { color: false }), expected);
  });
  await t.step("with color: the same text, styled", () => {
    const colored = renderDiff(entries, { color: true });
    ok(colored.includes(`${ESC}32m+  b: "3"${ESC}39m`), "additions are green");
    ok(colored.includes(`${ESC}31m-  b: "2"${ESC}39m`), "removals are red");
    ok(colored.includes(`${ESC}33m~ configure ConfigMap/prod/web${ESC}39m`), "configure is yellow");
    equal(colored.replace(new RegExp(`${ESC.replace("[", "\\[")}\\d+m`, "g"), ""), expected);
  });
});

Deno.test("renderDiff() shows a list-map item change without server-owned fields", () => {
  const text = renderDiff([{
    key: "Deployment.apps/prod/api",
    action: "configure",
    live: liveDeployment(),
    desired: liveDeployment({ image: "api:2" }),
  }], { color: false, context: 1 });
  equal(
    text,
    [
      "~ configure Deployment.apps/prod/api",
      "  @@ -25,3 +25,3 @@",
      "         containers:",
      "  -        - image: api:1",
      "  +        - image: api:2",
      "             imagePullPolicy: IfNotPresent",
      "0 to create, 1 to configure, 0 unchanged",
      "",
    ].join("\n"),
  );
  const full = renderDiff([{ key: "x", action: "create", desired: liveDeployment() }], {
    color: false,
  });
  for (
    const hidden of [
      "uid",
      "resourceVersion",
      "managedFields",
      "status",
      "01JNOPEA",
      "kubernetes.io/revision",
    ]
  ) {
    equal(full.includes(hidden), false, `${hidden} shown`);
  }
});

Deno.test("renderDiff() masks Secret values and never prints them", async (t) => {
  const text = renderDiff([{
    key: "Secret/prod/db",
    action: "configure",
    live: live(secret({ password: "pw-old-4242", user: "same-user-77" })),
    desired: secret({ password: "pw-new-4242", user: "same-user-77" }, true),
  }], { color: false });
  await t.step("raw and base64 values are absent", () => {
    for (const raw of ["pw-old-4242", "pw-new-4242", "same-user-77"]) {
      equal(text.includes(raw), false, `${raw} printed`);
      equal(text.includes(btoa(raw)), false, `${btoa(raw)} printed`);
    }
  });
  await t.step("a changed value shows a different mask, an equal one the same", () => {
    const lines = text.split("\n");
    const mask = /<secret sha256:[0-9a-f]{8}…>$/;
    const removed = lines.find((l) => l.startsWith("  -  password: ")) ?? "";
    const added = lines.find((l) => l.startsWith("  +  password: ")) ?? "";
    match(removed, mask);
    match(added, mask);
    notEqual(removed.slice(3), added.slice(3));
    match(lines.find((l) => l.startsWith("     user: ")) ?? "", mask);
    equal(lines.some((l) => /^ {2}[-+] {2}user:/.test(l)), false);
  });
});

Deno.test("renderDiff() honours the context option", () => {
  const entry: DiffEntry = {
    key: "ConfigMap/prod/web",
    action: "configure",
    live: configMap({ a: "1", b: "2", c: "3" }),
    desired: configMap({ a: "1", b: "9", c: "3" }),
  };
  const body = (context: number) =>
    renderDiff([entry], { color: false, context }).split("\n").filter((l) => l.startsWith("   "));
  equal(body(0).length, 0);
  equal(body(1).length, 2);
});

Deno.test("renderDiff() summarizes without deletes as create, configure, unchanged", () => {
  const entries: DiffEntry[] = [
    { key: "a", action: "create", desired: configMap({}) },
    { key: "b", action: "create", desired: configMap({}) },
    { key: "c", action: "configure", live: configMap({ a: "1" }), desired: configMap({ a: "2" }) },
    ...Array.from({ length: 30 }, (_, i): DiffEntry => ({ key: `u${i}`, action: "unchanged" })),
  ];
  const lines = renderDiff(entries, { color: false }).trimEnd().split("\n");
  equal(lines.at(-1), "2 to create, 1 to configure, 30 unchanged");
});

Deno.test("diffAction() picks the action from live and desired objects", async (t) => {
  const cases: {
    name: string;
    live: KubeObject | undefined;
    desired: KubeObject;
    action: string;
  }[] = [
    { name: "create when absent live", live: undefined, desired: deployment(), action: "create" },
    {
      name: "unchanged when only server fields differ",
      live: liveDeployment(),
      desired: liveDeployment(),
      action: "unchanged",
    },
    {
      name: "unchanged when only the deploy id differs",
      live: liveDeployment(),
      desired: {
        ...liveDeployment(),
        metadata: {
          ...liveDeployment().metadata,
          annotations: { "nopea.io/deploy-id": "01JNEXT" },
        },
      },
      action: "unchanged",
    },
    {
      name: "configure when a field differs",
      live: liveDeployment(),
      desired: liveDeployment({ replicas: 3 }),
      action: "configure",
    },
  ];
  for (const c of cases) await t.step(c.name, () => equal(diffAction(c.live, c.desired), c.action));
});

Deno.test("renderDiff() counts unchanged objects left out of the entries in its summary", () => {
  const cm = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "new" }, data: { a: "1" } };
  const text = renderDiff([{ key: "ConfigMap/prod/new", action: "create", desired: cm }], {
    color: false,
    hiddenUnchanged: 12,
  });
  equal(text.trimEnd().split("\n").at(-1), "1 to create, 0 to configure, 12 unchanged (not shown)");
});
