/** The TLS facts the main thread's warm-up reads from the kubeconfig, or none when it cannot. */
import { deepEqual } from "node:assert/strict";
import { type ClusterTls, clusterTls, type ClusterTlsSources } from "../../src/scope/mod.ts";
import { withFiles } from "../kube/_temp_files.ts";

const PEM = "-----BEGIN CERTIFICATE-----\nQ0E=\n-----END CERTIFICATE-----\n";
const DATA = btoa(PEM);

/** A kubeconfig of one context whose cluster has `cluster` (flow-style YAML fields). */
const config = (cluster: string) =>
  `clusters: [{ name: c, cluster: { ${cluster} } }]
users: [{ name: u, user: { token: t } }]
contexts: [{ name: x, context: { cluster: c, user: u } }]
current-context: x
`;

const FILES = {
  "k/data.yaml": config(`server: "https://k.test:6443", certificate-authority-data: ${DATA}`),
  "k/relative.yaml": config(`server: "https://k.test", certificate-authority: ca.pem`),
  "k/dot.yaml": config(`server: "https://k.test", certificate-authority: ./certs/ca.pem`),
  "k/both.yaml": config(
    `server: "https://k.test", certificate-authority-data: ${DATA}, certificate-authority: none.pem`,
  ),
  "k/ca.pem": PEM,
  "k/certs/ca.pem": "other\n",
  "k/insecure.yaml": config(`server: "https://k.test", insecure-skip-tls-verify: true`),
  "k/insecure-text.yaml": config(`server: "https://k.test", insecure-skip-tls-verify: "yes"`),
  "k/proxy.yaml": config(`server: "https://k.test", proxy-url: "http://proxy.test:3128"`),
  "k/sni.yaml": config(`server: "https://10.0.0.9", tls-server-name: api.k.test`),
  "k/missing-ca.yaml": config(`server: "https://k.test", certificate-authority: gone.pem`),
  "k/bad-data.yaml": config(`server: "https://k.test", certificate-authority-data: "%%%"`),
  "k/no-server.yaml": config(`certificate-authority-data: ${DATA}`),
  "bad.yaml": "clusters: [ {\n",
  "first.yaml": "current-context: x\n",
  "sa/ca.crt": PEM,
};

const facts = (server: string, more: Partial<ClusterTls> = {}): ClusterTls => ({
  server,
  caPem: undefined,
  insecure: false,
  tlsServerName: undefined,
  proxyUrl: undefined,
  ...more,
});

Deno.test("clusterTls reads the selected cluster's CA, TLS options and proxy, or nothing", async (t) => {
  await withFiles(FILES, async (dir) => {
    const file = (name: string): ClusterTlsSources => ({ kubeconfig: `${dir}/${name}`, env: {} });
    const inCluster = { KUBERNETES_SERVICE_HOST: "10.0.0.1", KUBERNETES_SERVICE_PORT: "6443" };
    const cases: [string, ClusterTlsSources, ClusterTls | undefined][] = [
      ["CA data", file("k/data.yaml"), facts("https://k.test:6443", { caPem: PEM })],
      [
        "CA file beside the kubeconfig",
        file("k/relative.yaml"),
        facts("https://k.test", { caPem: PEM }),
      ],
      ["CA file under ./", file("k/dot.yaml"), facts("https://k.test", { caPem: "other\n" })],
      ["CA data wins over the file", file("k/both.yaml"), facts("https://k.test", { caPem: PEM })],
      [
        "CA file relative to the merged file naming the cluster",
        { env: { KUBECONFIG: `${dir}/first.yaml:${dir}/k/relative.yaml` } },
        facts("https://k.test", { caPem: PEM }),
      ],
      ["insecure", file("k/insecure.yaml"), facts("https://k.test", { insecure: true })],
      [
        "proxy-url",
        file("k/proxy.yaml"),
        facts("https://k.test", { proxyUrl: "http://proxy.test:3128" }),
      ],
      [
        "tls-server-name",
        file("k/sni.yaml"),
        facts("https://10.0.0.9", { tlsServerName: "api.k.test" }),
      ],
      [
        "in-cluster service account",
        { env: inCluster, serviceAccountDir: `${dir}/sa` },
        facts("https://10.0.0.1:6443", { caPem: PEM }),
      ],
      ["in-cluster without ca.crt", { env: inCluster, serviceAccountDir: `${dir}/k` }, undefined],
      ["unreadable CA file", file("k/missing-ca.yaml"), undefined],
      ["CA data not base64", file("k/bad-data.yaml"), undefined],
      ["insecure-skip-tls-verify not a boolean", file("k/insecure-text.yaml"), undefined],
      ["no server", file("k/no-server.yaml"), undefined],
      ["malformed kubeconfig", file("bad.yaml"), undefined],
      ["missing kubeconfig", file("nowhere.yaml"), undefined],
      ["unknown context", { ...file("k/data.yaml"), context: "nope" }, undefined],
    ];
    for (const [name, sources, expected] of cases) {
      await t.step(name, () => deepEqual(clusterTls(sources), expected));
    }
  });
});

const FIXTURES = new URL("./_fixtures/", import.meta.url).pathname;

Deno.test({
  name: "clusterTls gives no facts when the process may not read the CA file",
  permissions: { read: [`${FIXTURES}kubeconfig-ca-file.yaml`] },
  fn: () => {
    deepEqual(clusterTls({ kubeconfig: `${FIXTURES}kubeconfig-ca-file.yaml`, env: {} }), undefined);
  },
});

Deno.test({
  name: "clusterTls reads the CA file when the process may read it",
  permissions: { read: [FIXTURES] },
  fn: () => {
    deepEqual(
      clusterTls({ kubeconfig: `${FIXTURES}kubeconfig-ca-file.yaml`, env: {} }),
      facts("https://k.test:6443", { caPem: PEM }),
    );
  },
});
