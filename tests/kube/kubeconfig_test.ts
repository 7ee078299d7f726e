import { equal, match, throws } from "node:assert/strict";
import { currentNamespace, loadKubeConfig } from "../../src/kube/mod.ts";
import { isNopeaError } from "../../src/shared/mod.ts";
import { withFiles } from "./_temp_files.ts";

function config(
  name: string,
  options: { server?: string; namespace?: string; current?: string } = {},
): string {
  return `apiVersion: v1
kind: Config
clusters: [{ name: ${name}, cluster: { server: "${
    options.server ?? `https://${name}.test:6443`
  }" } }]
users: [{ name: ${name}, user: { token: t-${name} } }]
contexts: [{ name: ${name}, context: { cluster: ${name}, user: ${name}, namespace: ${
    options.namespace ?? name
  } } }]
${
    options.current === undefined
      ? `current-context: ${name}`
      : `current-context: "${options.current}"`
  }
`;
}

function invalid(pattern: RegExp) {
  return (e: unknown) =>
    isNopeaError(e) && e.code === "KUBECONFIG_INVALID" && pattern.test(e.message);
}

Deno.test("loadKubeConfig() reads an explicit file and selects its current context", async () => {
  await withFiles({ "a.yaml": config("a") }, (dir) => {
    const kc = loadKubeConfig({ kubeconfig: `${dir}/a.yaml`, env: {} });
    equal(kc.getCurrentCluster()?.server, "https://a.test:6443");
    equal(currentNamespace(kc), "a");
  });
});

Deno.test("loadKubeConfig() prefers the explicit file over KUBECONFIG", async () => {
  await withFiles({ "a.yaml": config("a"), "b.yaml": config("b") }, (dir) => {
    const kc = loadKubeConfig({
      kubeconfig: `${dir}/a.yaml`,
      env: { KUBECONFIG: `${dir}/b.yaml` },
    });
    equal(kc.getCurrentContext(), "a");
  });
});

Deno.test("loadKubeConfig() merges KUBECONFIG files with first-wins semantics", async (t) => {
  const shadow = config("a", { server: "https://shadow.test", current: "b" });
  await withFiles(
    { "a.yaml": config("a"), "b.yaml": config("b"), "c.yaml": shadow },
    async (dir) => {
      await t.step("current-context comes from the first file that sets it", () => {
        const kc = loadKubeConfig({ env: { KUBECONFIG: `${dir}/a.yaml:${dir}/b.yaml` } });
        equal(kc.getCurrentContext(), "a");
        equal(kc.contexts.length, 2);
      });
      await t.step("a later file cannot redefine a name", () => {
        const kc = loadKubeConfig({ env: { KUBECONFIG: `${dir}/a.yaml:${dir}/c.yaml` } });
        equal(kc.getCurrentCluster()?.server, "https://a.test:6443");
      });
      await t.step(
        "the first file to set current-context may name a context of a later file",
        () => {
          const kc = loadKubeConfig({
            env: { KUBECONFIG: `${dir}/c.yaml:${dir}/a.yaml:${dir}/b.yaml` },
          });
          equal(kc.getCurrentContext(), "b");
          equal(kc.getCluster("a")?.server, "https://shadow.test");
        },
      );
      await t.step("contexts of every file can be selected", () => {
        const kc = loadKubeConfig({
          context: "b",
          env: { KUBECONFIG: `${dir}/a.yaml:${dir}/b.yaml` },
        });
        equal(kc.getCurrentCluster()?.server, "https://b.test:6443");
        equal(currentNamespace(kc), "b");
      });
      await t.step("missing and empty entries are skipped", () => {
        const kc = loadKubeConfig({ env: { KUBECONFIG: `${dir}/none.yaml::${dir}/b.yaml` } });
        equal(kc.getCurrentContext(), "b");
      });
    },
  );
});

Deno.test("loadKubeConfig() falls back to ~/.kube/config", async () => {
  await withFiles({ ".kube/config": config("home") }, (dir) => {
    equal(loadKubeConfig({ env: { HOME: dir } }).getCurrentContext(), "home");
  });
});

Deno.test("loadKubeConfig() uses the in-cluster service account last", async () => {
  const sa = { "sa/token": "secret-token", "sa/namespace": "team-a\n", "sa/ca.crt": "x" };
  await withFiles(sa, (dir) => {
    const kc = loadKubeConfig({
      env: { HOME: dir, KUBERNETES_SERVICE_HOST: "10.0.0.1", KUBERNETES_SERVICE_PORT: "443" },
      serviceAccountDir: `${dir}/sa`,
    });
    equal(kc.getCurrentCluster()?.server, "https://10.0.0.1:443");
    equal(kc.getCurrentCluster()?.caFile, `${dir}/sa/ca.crt`);
    equal(currentNamespace(kc), "team-a");
  });
});

Deno.test("loadKubeConfig() wraps an IPv6 service host in brackets", async () => {
  await withFiles({ "sa/token": "t" }, (dir) => {
    const kc = loadKubeConfig({
      env: { KUBERNETES_SERVICE_HOST: "fd00::1", KUBERNETES_SERVICE_PORT: "6443" },
      serviceAccountDir: `${dir}/sa`,
    });
    equal(kc.getCurrentCluster()?.server, "https://[fd00::1]:6443");
    equal(currentNamespace(kc), "default");
  });
});

Deno.test("loadKubeConfig() reports KUBECONFIG_INVALID naming what to fix", async (t) => {
  const files = {
    "a.yaml": config("a"),
    "nocurrent.yaml": config("n", { current: "" }),
    "orphan.yaml":
      `contexts: [{ name: o, context: { cluster: gone, user: u } }]\ncurrent-context: o\n`,
    "broken.yaml": "clusters: [{ name: x }]\n",
    "notyaml.yaml": "{ this is: [not yaml",
  };
  await withFiles(files, async (dir) => {
    const cases = [
      {
        name: "missing explicit file",
        options: { kubeconfig: `${dir}/nope.yaml`, env: {} },
        error: /"[^"]*nope\.yaml": the file does not exist/,
      },
      {
        name: "KUBECONFIG names only missing files",
        options: { env: { KUBECONFIG: `${dir}/x:${dir}/y` } },
        error: /none of the KUBECONFIG files exist/,
      },
      {
        name: "unknown context",
        options: { kubeconfig: `${dir}/a.yaml`, context: "prod", env: {} },
        error: /context "prod" .*no such context/,
      },
      {
        name: "no current context",
        options: { kubeconfig: `${dir}/nocurrent.yaml`, env: {} },
        error: /sets no current-context/,
      },
      {
        name: "context without its cluster",
        options: { kubeconfig: `${dir}/orphan.yaml`, env: {} },
        error: /its cluster "gone" is not defined/,
      },
      {
        name: "cluster without server",
        options: { kubeconfig: `${dir}/broken.yaml`, env: {} },
        error: /broken\.yaml": clusters\[0\]\.cluster is missing/,
      },
      {
        name: "malformed YAML",
        options: { kubeconfig: `${dir}/notyaml.yaml`, env: {} },
        error: /Cannot load kubeconfig ".*notyaml\.yaml"/,
      },
      {
        name: "nothing anywhere",
        options: { env: { HOME: `${dir}/empty` } },
        error: /Cannot find a kubeconfig/,
      },
      {
        name: "service host without token",
        options: { env: { KUBERNETES_SERVICE_HOST: "10.0.0.1" }, serviceAccountDir: `${dir}/nosa` },
        error: /token" does not exist/,
      },
    ];
    for (const c of cases) {
      await t.step(c.name, () => throws(() => loadKubeConfig(c.options), invalid(c.error)));
    }
  });
});

Deno.test("loadKubeConfig() hints at the available contexts", async () => {
  await withFiles({ "a.yaml": config("a") }, (dir) => {
    try {
      loadKubeConfig({ kubeconfig: `${dir}/a.yaml`, context: "zzz", env: {} });
    } catch (e) {
      if (!isNopeaError(e)) throw e;
      match(e.hint ?? "", /"a"/);
      return;
    }
    throw new Error("expected a failure");
  });
});

Deno.test('currentNamespace() defaults to "default"', async () => {
  await withFiles({ "a.yaml": config("a").replace("namespace: a", "namespace: ''") }, (dir) => {
    equal(currentNamespace(loadKubeConfig({ kubeconfig: `${dir}/a.yaml`, env: {} })), "default");
  });
});
