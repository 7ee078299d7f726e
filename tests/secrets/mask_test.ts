import { deepEqual, equal, match, notEqual } from "node:assert/strict";
import type { KubeObject } from "../../src/manifests/mod.ts";
import {
  createSecretMasker,
  hasMaskedValues,
  maskFieldForDisplay,
  maskForDisplay,
  maskForStore,
} from "../../src/secrets/mod.ts";
import { base64, DISPLAY, secret, STORED, stringsIn, VALUES, withLastApplied } from "./_forms.ts";

const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
const masker = createSecretMasker();

/** The strings where a Secret keeps values: data, stringData and the last-applied annotation. */
function secretValues(obj: unknown): string[] {
  const o = obj as KubeObject;
  return [
    ...stringsIn(o["data"]),
    ...stringsIn(o["stringData"]),
    ...stringsIn(o.metadata.annotations?.[LAST_APPLIED]),
  ];
}

/** A Secret with every kind of value: data, stringData and the last-applied annotation. */
function fullSecret(): KubeObject {
  const values = Object.fromEntries(VALUES.map((v, i) => [`k${i}`, v]));
  return withLastApplied({ ...secret(values), stringData: { token: "t0k3n-t0k3n" } });
}

const configMap: KubeObject = {
  apiVersion: "v1",
  kind: "ConfigMap",
  metadata: { name: "c" },
  data: { password: "not-a-secret" },
};
const otherSecretKind: KubeObject = {
  apiVersion: "example.com/v1",
  kind: "Secret",
  metadata: { name: "c" },
  data: { password: "not-a-core-secret" },
};

Deno.test("maskForStore() writes every Secret value in the stored form and only there", async (t) => {
  const [stored] = maskForStore([fullSecret()]);
  await t.step("each value, the annotation included, is in the stored form", () => {
    const values = secretValues(stored);
    equal(values.length, VALUES.length + 2);
    for (const v of values) match(v, STORED);
  });
  await t.step("no value, nor its base64, is left", () => {
    const text = JSON.stringify(stored);
    for (const v of [...VALUES, "t0k3n-t0k3n"]) {
      equal(text.includes(JSON.stringify(v).slice(1, -1)), false, v.slice(0, 24));
      equal(text.includes(base64(v)), false, v.slice(0, 24));
    }
  });
  await t.step("other metadata and other objects are kept as they are", () => {
    equal(stored?.metadata.annotations?.["example.com/owner"], "team-a");
    const [cm, other] = maskForStore([configMap, otherSecretKind]);
    equal(cm, configMap);
    equal(other, otherSecretKind);
  });
  await t.step("the input is not changed", () => {
    const input = fullSecret();
    const before = JSON.stringify(input);
    maskForStore([input]);
    equal(JSON.stringify(input), before);
  });
});

Deno.test("maskForStore() writes exactly what earlier versions stored, so existing stores still read", () => {
  const input: KubeObject = {
    apiVersion: "v1",
    kind: "Secret",
    metadata: {
      name: "db",
      annotations: { [LAST_APPLIED]: '{"stringData":{"token":"t0k3n-t0k3n"}}', team: "a" },
    },
    data: { password: base64("hunter2") },
    stringData: { token: "t0k3n-t0k3n" },
  };
  deepEqual(maskForStore([input]), [{
    ...input,
    metadata: {
      ...input.metadata,
      annotations: {
        [LAST_APPLIED]: "sha256:9017fda3ba1eb496f7fbb235b48cf0573db5f8cbf6ff61cc2eeeef22f446edc5",
        team: "a",
      },
    },
    data: { password: "sha256:b073aefd7c9215dd0179def431a8e7b5b1c39770f72ab676e9d9bd4a466268d1" },
    stringData: {
      token: "sha256:1ff5c43f1da74812552b9fab3e0b77982b97761bc91429298dd251269ca5908b",
    },
  }]);
});

Deno.test("maskForDisplay() shows every Secret value in the display form and never the value", async (t) => {
  const cases: { name: string; value: unknown; secrets: (masked: unknown) => unknown[] }[] = [
    { name: "a Secret", value: fullSecret(), secrets: (m) => [m] },
    {
      name: "Secrets in a list",
      value: [configMap, fullSecret(), fullSecret()],
      secrets: (m) => (m as unknown[]).slice(1),
    },
    {
      name: "a Secret deep in a report",
      value: { entries: [{ key: "Secret/prod/db", live: fullSecret(), desired: fullSecret() }] },
      secrets: (m) => {
        const [entry] = (m as { entries: { live: unknown; desired: unknown }[] }).entries;
        return [entry?.live, entry?.desired];
      },
    },
  ];
  for (const c of cases) {
    await t.step(c.name, () => {
      const masked = maskForDisplay(c.value);
      const secrets = c.secrets(masked);
      for (const s of secrets) {
        const values = secretValues(s);
        equal(values.length, VALUES.length + 2);
        for (const v of values) match(v, DISPLAY);
        equal((s as KubeObject).metadata.annotations?.["example.com/owner"], "team-a");
      }
      const text = JSON.stringify(masked);
      for (const v of [...VALUES, "t0k3n-t0k3n"]) {
        equal(text.includes(JSON.stringify(v).slice(1, -1)), false, v.slice(0, 24));
        equal(text.includes(base64(v)), false, v.slice(0, 24));
      }
    });
  }
});

Deno.test("maskForDisplay() masks the same value the same way, and different values differently", () => {
  const shown = (obj: KubeObject, field: "data" | "stringData") =>
    (maskForDisplay(obj)[field] as Record<string, string>)["pw"];
  equal(shown(secret({ pw: "same" }), "data"), shown(secret({ pw: "same" }, true), "stringData"));
  notEqual(shown(secret({ pw: "same" }), "data"), shown(secret({ pw: "other" }), "data"));
  equal(shown(secret({ pw: "hunter2" }), "data"), masker.displayForm("hunter2"));
});

Deno.test("maskForDisplay() keeps masks as they are and leaves the rest alone", async (t) => {
  await t.step("values already in the stored or display form are not masked again", () => {
    const masked = { a: masker.storedForm("hunter2"), b: masker.displayForm("hunter2") };
    deepEqual(maskForDisplay({ ...secret({}), data: masked })["data"], masked);
    const stored = maskForStore([withLastApplied(secret({ pw: "hunter2" }))])[0]!;
    deepEqual(maskForDisplay(stored), stored);
  });
  await t.step("objects without a Secret are returned as they are", () => {
    const report = { items: [configMap, otherSecretKind], count: 2, at: null };
    equal(maskForDisplay(report), report);
    equal(maskForDisplay(configMap), configMap);
    equal(maskForDisplay("hunter2"), "hunter2");
  });
  await t.step("the input is not changed", () => {
    const input = { live: fullSecret() };
    const before = JSON.stringify(input);
    maskForDisplay(input);
    equal(JSON.stringify(input), before);
  });
});

Deno.test("maskFieldForDisplay() masks the values of a Secret's data and stringData only", async (t) => {
  const s = secret({});
  const shown = masker.displayForm("hunter2");
  const cases: [string, KubeObject, string | undefined, unknown, unknown][] = [
    ["one data value", s, "data", base64("hunter2"), shown],
    ["one stringData value", s, "stringData", "hunter2", shown],
    ["the whole data map", s, "data", { pw: base64("hunter2") }, { pw: shown }],
    ["the whole stringData map", s, "stringData", { pw: "hunter2" }, { pw: shown }],
    ["a value in the stored form", s, "data", masker.storedForm("x"), masker.storedForm("x")],
    ["an absent value", s, "data", undefined, undefined],
    ["a null value", s, "data", null, null],
    ["another field of a Secret", s, "metadata", "db", "db"],
    ["a path that starts with no field", s, undefined, "hunter2", "hunter2"],
    ["a ConfigMap's data", configMap, "data", "hunter2", "hunter2"],
    ["a Secret kind of another group", otherSecretKind, "data", "hunter2", "hunter2"],
  ];
  for (const [name, owner, field, value, want] of cases) {
    await t.step(name, () => deepEqual(maskFieldForDisplay(owner, field, value), want));
  }
});

Deno.test("hasMaskedValues() tells whether a stored Secret still holds placeholders", async (t) => {
  const stored = maskForStore([secret({ pw: "hunter2" }), secret({ pw: "hunter2" }, true)]);
  const cases: [string, KubeObject, boolean][] = [
    ["a stored Secret's data", stored[0]!, true],
    ["a stored Secret's stringData", stored[1]!, true],
    ["a Secret with real values", secret({ pw: "hunter2" }), false],
    ["a Secret shown in the display form", maskForDisplay(secret({ pw: "hunter2" })), false],
    ["a Secret without values", secret({}), false],
    [
      "a ConfigMap holding a stored form",
      { ...configMap, data: { a: masker.storedForm("x") } },
      false,
    ],
  ];
  for (const [name, obj, masked] of cases) {
    await t.step(name, () => equal(hasMaskedValues(obj), masked));
  }
});
