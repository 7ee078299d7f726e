/** The kubeconfig reader's checks: the field that is wrong, and what is left to client-node. */
import { deepEqual, equal, throws } from "node:assert/strict";
import { loadKubeConfig } from "../../src/kube/mod.ts";
import { routeOf } from "../../src/kube/_native_auth.ts";
import { isNopeaError } from "../../src/shared/mod.ts";
import { single, withFiles } from "./_temp_files.ts";

function kubeconfigWith(server: string, cluster: string, user: string): string {
  return `clusters: [{ name: c, cluster: { server: "${server}", ${cluster} } }]
users: [{ name: u, user: { ${user} } }]
contexts: [{ name: x, context: { cluster: c, user: u } }]
current-context: x
`;
}

Deno.test("loadKubeConfig() names the field that is wrong", async (t) => {
  const cases = [
    { text: "- a\n- b\n", error: /it is not a mapping of clusters, users and contexts/ },
    { text: "clusters: { a: 1 }\n", error: /clusters must be a list of entries/ },
    {
      text:
        "clusters: [{ name: c, cluster: { server: https://x, insecure-skip-tls-verify: 'yes' } }]\n",
      error: /clusters\[0\]\.cluster\.insecure-skip-tls-verify must be true or false/,
    },
    {
      text: "users: [{ name: u, user: { as-groups: dev } }]\n",
      error: /users\[0\]\.user\.as-groups must be a list of group names/,
    },
    { text: "users: [{ user: { token: t } }]\n", error: /users\[0\]\.name is missing/ },
    {
      text: "contexts: [{ name: x, context: { user: u } }]\n",
      error: /contexts\[0\]\.context\.cluster is missing/,
    },
    {
      text: kubeconfigWith("https://x", "", "token: t").replace("user: u }", "user: ghost }"),
      error: /its user "ghost" is not defined/,
    },
  ];
  for (const c of cases) {
    await t.step(c.error.source, () =>
      withFiles({ config: c.text }, (dir) => {
        throws(
          () => loadKubeConfig({ kubeconfig: `${dir}/config`, env: {} }),
          (e) => isNopeaError(e) && e.code === "KUBECONFIG_INVALID" && c.error.test(e.message),
        );
      }));
  }
});

Deno.test("routeOf() sends only what Nopea cannot do to client-node", async (t) => {
  const exec = "exec: { apiVersion: client.authentication.k8s.io/v1, command: ./get-token }";
  const cases = [
    { user: exec, cluster: undefined, route: { transport: "native", auth: "client-node" } },
    {
      user: "auth-provider: { name: oidc }",
      cluster: undefined,
      route: { transport: "native", auth: "client-node" },
    },
    {
      user: "token: t",
      cluster: "server: https://k.test, proxy-url: http://proxy:3128",
      route: { transport: "client-node", auth: "native" },
    },
    {
      user: "token: t",
      cluster: "server: https://k.test, insecure-skip-tls-verify: true",
      route: { transport: "client-node", auth: "native" },
    },
    {
      user: "token: t",
      cluster: "server: https://k.test, tls-server-name: kube",
      route: { transport: "client-node", auth: "native" },
    },
  ];
  for (const c of cases) {
    await t.step(
      `${c.user} ${c.cluster ?? ""}`,
      () =>
        withFiles(single(c.user, c.cluster), (dir) => {
          const kc = loadKubeConfig({ kubeconfig: `${dir}/k/config`, env: {} });
          deepEqual(routeOf(kc), c.route);
          if (c.user === exec) equal(kc.getCurrentUser()?.exec.command, `${dir}/k/get-token`);
        }),
    );
  }
});
