import { deepEqual, equal, match, ok, throws } from "node:assert/strict";
import { isNopeaError } from "../../src/shared/mod.ts";
import { DEFAULT_CANARY_THRESHOLD } from "../../src/strategy/mod.ts";
import { resolveSettings, type SettingsOptions } from "../../src/wiring/mod.ts";

const KUBECONFIG = `apiVersion: v1
kind: Config
clusters: [{ name: c, cluster: { server: "https://127.0.0.1:6443" } }]
users: [{ name: u, user: { token: t } }]
contexts:
  - { name: dev, context: { cluster: c, user: u, namespace: shop } }
  - { name: ops, context: { cluster: c, user: u, namespace: tools } }
  - { name: bare, context: { cluster: c, user: u } }
current-context: dev
`;

Deno.test("resolveSettings() defaults: nothing given, nothing read", () => {
  const s = resolveSettings({ env: {}, cwd: "/work" });
  deepEqual(
    {
      canaryThreshold: s.canaryThreshold,
      applyConcurrency: s.applyConcurrency,
      timeoutMs: s.timeoutMs,
      podProblemToleranceMs: s.podProblemToleranceMs,
      memoryDir: s.memoryDir,
      cdEventsUrl: s.cdEventsUrl,
      kubeconfig: s.kubeconfig,
      context: s.context,
    },
    {
      canaryThreshold: DEFAULT_CANARY_THRESHOLD,
      applyConcurrency: 64,
      timeoutMs: 300_000,
      podProblemToleranceMs: 60_000,
      memoryDir: "/work/.nopea",
      cdEventsUrl: undefined,
      kubeconfig: undefined,
      context: undefined,
    },
  );
  match(s.lockIdentity, /^.+\/\d+$/, "<hostname>/<pid>");
});

Deno.test("resolveSettings() reads the environment; explicit values win; empty is unset", () => {
  const env = {
    NOPEA_MEMORY_DIR: "/var/nopea",
    NOPEA_CANARY_THRESHOLD: "0.4",
    NOPEA_APPLY_CONCURRENCY: "3",
    NOPEA_TIMEOUT: "90s",
    NOPEA_TOLERANCE: "0s",
    NOPEA_LOCK_IDENTITY: "ci-runner-7",
    NOPEA_CDEVENTS_URL: "http://events.example:8080/events",
    KUBECONFIG: "/etc/kube/a:/etc/kube/b",
  };
  const fromEnv = resolveSettings({ env, cwd: "/work" });
  equal(fromEnv.memoryDir, "/var/nopea");
  equal(fromEnv.canaryThreshold, 0.4);
  equal(fromEnv.applyConcurrency, 3);
  equal(fromEnv.timeoutMs, 90_000);
  equal(fromEnv.podProblemToleranceMs, 0);
  equal(fromEnv.lockIdentity, "ci-runner-7");
  equal(fromEnv.cdEventsUrl, "http://events.example:8080/events");
  equal(fromEnv.kubeconfig, "/etc/kube/a:/etc/kube/b");
  const explicit = resolveSettings({
    env,
    cwd: "/work",
    memoryDir: "mem",
    canaryThreshold: "0.9",
    applyConcurrency: 16,
    timeoutMs: "2m",
    podProblemToleranceMs: 5_000,
    lockIdentity: "me",
    kubeconfig: "/tmp/kc",
  });
  equal(explicit.memoryDir, "/work/mem");
  equal(explicit.canaryThreshold, 0.9);
  equal(explicit.applyConcurrency, 16);
  equal(explicit.timeoutMs, 120_000);
  equal(explicit.podProblemToleranceMs, 5_000);
  equal(explicit.lockIdentity, "me");
  equal(explicit.kubeconfig, "/tmp/kc");
  const blank = resolveSettings({ env: { NOPEA_CANARY_THRESHOLD: " ", NOPEA_TIMEOUT: "" } });
  equal(blank.canaryThreshold, DEFAULT_CANARY_THRESHOLD);
  equal(blank.timeoutMs, 300_000);
});

Deno.test("resolveSettings() refuses bad values, naming the flag, option or variable and the range", async (t) => {
  const cases: { name: string; options: SettingsOptions; message: RegExp }[] = [
    {
      name: "threshold above 1 from the environment",
      options: { env: { NOPEA_CANARY_THRESHOLD: "1.5" } },
      message: /^Invalid NOPEA_CANARY_THRESHOLD "1\.5": expected a number from 0 to 1$/,
    },
    {
      name: "threshold that is not a number from the flag",
      options: { canaryThreshold: "high" },
      message: /^Invalid --canary-threshold "high": expected a number from 0 to 1$/,
    },
    {
      name: "threshold below 0 from an option",
      options: { canaryThreshold: -0.1 },
      message: /^Invalid option "canaryThreshold" "-0\.1": expected a number from 0 to 1$/,
    },
    {
      name: "concurrency 0",
      options: { env: { NOPEA_APPLY_CONCURRENCY: "0" } },
      message: /NOPEA_APPLY_CONCURRENCY "0": expected a whole number from 1 to 256/,
    },
    {
      name: "concurrency not whole",
      options: { applyConcurrency: 2.5 },
      message: /option "applyConcurrency" "2\.5": expected a whole number from 1 to 256/,
    },
    {
      name: "timeout not a duration",
      options: { env: { NOPEA_TIMEOUT: "soon" } },
      message: /NOPEA_TIMEOUT "soon": expected a duration longer than 0s/,
    },
    {
      name: "timeout of zero",
      options: { timeoutMs: "0s" },
      message: /--timeout "0s": expected a duration longer than 0s/,
    },
    {
      name: "tolerance not a duration",
      options: { podProblemToleranceMs: "a while" },
      message: /--tolerance "a while": expected a duration of 0s or more/,
    },
    {
      name: "CDEvents URL not http",
      options: { env: { NOPEA_CDEVENTS_URL: "ftp://events.example" } },
      message: /NOPEA_CDEVENTS_URL "ftp:\/\/events\.example": expected an http or https URL/,
    },
    {
      name: "lock identity with a space",
      options: { env: { NOPEA_LOCK_IDENTITY: "my laptop" } },
      message: /NOPEA_LOCK_IDENTITY "my laptop": expected a name of 1 to 128 characters/,
    },
    {
      name: "default namespace not a DNS label",
      options: { defaultNamespace: "Shop_1" },
      message: /option "defaultNamespace" "Shop_1": expected a namespace name/,
    },
  ];
  for (const c of cases) {
    await t.step(c.name, () => {
      throws(() => resolveSettings({ env: {}, cwd: "/work", ...c.options }), (error) => {
        ok(isNopeaError(error), String(error));
        equal(error.code, "SPEC_INVALID");
        match(error.message, c.message);
        ok(error.hint && error.hint.length > 0, "a hint says what to set");
        return true;
      });
    });
  }
});

Deno.test("defaultNamespace(): the kubeconfig context's namespace, read on first call only", async (t) => {
  const dir = await Deno.makeTempDir();
  const file = `${dir}/kubeconfig`;
  const base: SettingsOptions = { env: { HOME: dir }, cwd: dir };
  try {
    await t.step("no kubeconfig anywhere: settings resolve, the namespace is default", () => {
      const s = resolveSettings({ ...base, kubeconfig: `${dir}/missing` });
      equal(s.defaultNamespace(), "default");
    });
    await t.step("the file is read when the namespace is asked for, not before", async () => {
      const s = resolveSettings({ ...base, kubeconfig: file });
      await Deno.writeTextFile(file, KUBECONFIG);
      equal(s.defaultNamespace(), "shop");
    });
    await t.step("KUBECONFIG when no file is given; --context picks another context", () => {
      equal(resolveSettings({ ...base, env: { KUBECONFIG: file } }).defaultNamespace(), "shop");
      equal(
        resolveSettings({ ...base, kubeconfig: file, context: "ops" }).defaultNamespace(),
        "tools",
      );
      equal(
        resolveSettings({ ...base, kubeconfig: file, context: "bare" }).defaultNamespace(),
        "default",
      );
    });
    await t.step("an explicit default namespace wins and reads nothing", () => {
      const s = resolveSettings({
        ...base,
        kubeconfig: `${dir}/missing`,
        defaultNamespace: "prod",
      });
      equal(s.defaultNamespace(), "prod");
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
