/** The main thread's minimal kubeconfig reader agrees with the full reader on the API server. */
import { deepEqual } from "node:assert/strict";
import { loadKubeConfig } from "../../src/kube/mod.ts";
import { kubeconfigServerUrls } from "../../src/scope/kubeconfig_hosts.ts";
import { withFiles } from "../kube/_temp_files.ts";

const FILES = {
  "sub/a.yaml": `apiVersion: v1
kind: Config
clusters:
- name: a
  cluster: { server: "https://a.test:6443/", certificate-authority: ca.crt }
users:
- name: a
  user: { token: tok-a }
contexts:
- name: a
  context: { cluster: a, user: a, namespace: na }
current-context: a
`,
  "b.yaml": `clusters:
- name: b
  cluster:
    server: https://b.test
    proxy-url: http://proxy.test:3128
- name: a
  cluster: { server: "https://shadow.test" }
users:
- name: b
  user: { token: tok-b }
contexts:
- name: b
  context: { cluster: b, user: b }
- name: mixed
  context: { cluster: a, user: b, namespace: nm }
current-context: b
`,
  "bad.yaml": "clusters: [ {\n",
  "sa/token": "tok\n",
  "home/.kube/config": `clusters: [{ name: h, cluster: { server: "https://home.test:7443" } }]
users: [{ name: u, user: { token: t } }]
contexts: [{ name: h, context: { cluster: h, user: u } }]
current-context: h
`,
};

/** The full reader's server and proxy-url, or none when it refuses the kubeconfig. */
function fullReader(
  sources: Parameters<typeof kubeconfigServerUrls>[0],
  serviceAccountDir?: string,
): string[] {
  try {
    const sa = serviceAccountDir ? { serviceAccountDir } : {};
    const kc = loadKubeConfig({ ...sources, env: { ...sources.env }, ...sa });
    const cluster = kc.getCurrentCluster();
    return [cluster?.server, cluster?.proxyUrl].filter((u) => u !== undefined);
  } catch {
    return [];
  }
}

const hostsOf = (urls: string[]) => urls.map((u) => new URL(u).host);

Deno.test("the minimal kubeconfig reader picks the same API server as loadKubeConfig", async (t) => {
  await withFiles(FILES, async (dir) => {
    const list = (...files: string[]) => files.map((f) => `${dir}/${f}`).join(":");
    const cases = [
      { env: { KUBECONFIG: list("sub/a.yaml", "b.yaml") } },
      { env: { KUBECONFIG: list("b.yaml", "sub/a.yaml") } },
      { env: { KUBECONFIG: list("b.yaml", "sub/a.yaml") }, context: "a" },
      { env: { KUBECONFIG: list("sub/a.yaml", "b.yaml") }, context: "mixed" },
      { env: { KUBECONFIG: list("b.yaml", "sub/a.yaml") }, context: "mixed" },
      { env: { KUBECONFIG: list("missing.yaml", "b.yaml", "") } },
      { env: { KUBECONFIG: list("missing.yaml") } },
      { env: { KUBECONFIG: list("b.yaml") }, context: "nope" },
      { env: { KUBECONFIG: list("bad.yaml", "b.yaml") } },
      { kubeconfig: `${dir}/b.yaml`, env: { KUBECONFIG: list("sub/a.yaml") } },
      { kubeconfig: `${dir}/missing.yaml`, env: {} },
      { env: { HOME: `${dir}/home` } },
      { env: { HOME: `${dir}/nowhere` } },
    ];
    for (const c of cases) {
      await t.step(`${JSON.stringify(c).replaceAll(dir, "")}`, () => {
        deepEqual(hostsOf(kubeconfigServerUrls(c)), hostsOf(fullReader(c)));
      });
    }
    const inCluster = [
      { env: { KUBERNETES_SERVICE_HOST: "10.0.0.1", KUBERNETES_SERVICE_PORT: "6443" } },
      { env: { KUBERNETES_SERVICE_HOST: "fd00::1" } },
      { env: { KUBERNETES_SERVICE_HOST: "10.0.0.1" }, context: "in-cluster" },
      { env: { KUBERNETES_SERVICE_HOST: "10.0.0.1" }, context: "other" },
    ];
    for (const c of inCluster) {
      await t.step(`in-cluster ${JSON.stringify(c)}`, () => {
        deepEqual(hostsOf(kubeconfigServerUrls(c)), hostsOf(fullReader(c, `${dir}/sa`)));
      });
    }
  });
});

Deno.test("the minimal kubeconfig reader finds the in-cluster API server", () => {
  const env = { KUBERNETES_SERVICE_HOST: "fd00::1", KUBERNETES_SERVICE_PORT: "6443" };
  deepEqual(kubeconfigServerUrls({ env }), ["https://[fd00::1]:6443"]);
  deepEqual(kubeconfigServerUrls({ env: {} }), []);
});
