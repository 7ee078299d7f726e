/** Nopea's own kubeconfig reader: merged files and contexts as kubectl reads them, each auth kind. */
import { deepEqual } from "node:assert/strict";
import { currentNamespace, loadKubeConfig } from "../../src/kube/mod.ts";
import { serverOf } from "../../src/kube/current_context.ts";
import { nativeAccess, routeOf } from "../../src/kube/_native_auth.ts";
import { single, withFiles } from "./_temp_files.ts";

const b64 = (text: string) => btoa(text);

const MERGED = {
  "sub/a.yaml": `apiVersion: v1
kind: Config
clusters:
- name: a
  cluster: { server: "https://a.test:6443/", certificate-authority: ca.crt }
users:
- name: a
  user: { client-certificate: certs/c.pem, client-key: ./k.pem, token: tok-a }
contexts:
- name: a
  context: { cluster: a, user: a, namespace: na }
current-context: a
`,
  "b.yaml": `clusters:
- name: b
  cluster: { server: "https://b.test", certificate-authority-data: ${b64("CA-B\n")} }
- name: a
  cluster: { server: "https://shadow.test", certificate-authority-data: ${b64("CA-SHADOW\n")} }
users:
- name: b
  user: { client-certificate-data: ${b64("CERT-B\n")}, client-key-data: ${b64("KEY-B\n")} }
contexts:
- name: b
  context: { cluster: b, user: b }
- name: mixed
  context: { cluster: a, user: b, namespace: nm }
current-context: b
`,
  "sub/ca.crt": "CA-A\n",
  "sub/certs/c.pem": "CERT-A\n",
  "sub/k.pem": "KEY-A\n",
};

/** What kubectl makes of the same files: `config view --minify --raw --flatten`. */
async function kubectlView(kubeconfig: string, context: string | undefined) {
  const args = ["config", "view", "--minify", "--raw", "--flatten", "-o", "json"];
  const out = await new Deno.Command("kubectl", {
    args: [...args, ...(context ? ["--context", context] : [])],
    env: { KUBECONFIG: kubeconfig },
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!out.success) throw new Error(new TextDecoder().decode(out.stderr));
  const view = JSON.parse(new TextDecoder().decode(out.stdout));
  const cluster = view.clusters[0].cluster, user = view.users[0].user;
  const data = (v: string | undefined) => (v ? atob(v) : undefined);
  return {
    server: String(cluster.server).replace(/\/$/, ""),
    namespace: view.contexts[0].context.namespace ?? "default",
    ca: data(cluster["certificate-authority-data"]),
    cert: data(user["client-certificate-data"]),
    key: data(user["client-key-data"]),
    token: user.token,
  };
}

Deno.test("loadKubeConfig() reads merged files and contexts as kubectl does", async (t) => {
  await withFiles(MERGED, async (dir) => {
    const cases = [
      { files: ["sub/a.yaml", "b.yaml"], context: undefined },
      { files: ["b.yaml", "sub/a.yaml"], context: undefined },
      { files: ["b.yaml", "sub/a.yaml"], context: "a" },
      { files: ["sub/a.yaml", "b.yaml"], context: "mixed" },
      { files: ["b.yaml", "sub/a.yaml"], context: "mixed" },
    ];
    for (const c of cases) {
      await t.step(`${c.files.join(":")} --context ${c.context ?? "(current)"}`, async () => {
        const kubeconfig = c.files.map((f) => `${dir}/${f}`).join(":");
        const kc = loadKubeConfig({ env: { KUBECONFIG: kubeconfig }, context: c.context });
        const access = nativeAccess(kc);
        const token = access.headers().find(([name]) => name === "authorization")?.[1];
        deepEqual({
          server: serverOf(kc),
          namespace: currentNamespace(kc),
          ca: access.ca,
          cert: access.cert,
          key: access.key,
          token: token?.replace("Bearer ", ""),
        }, await kubectlView(kubeconfig, c.context));
      });
    }
  });
});

Deno.test("each kind of credential becomes the request's headers", async (t) => {
  const cases = [
    { user: "token: abc", headers: [["authorization", "Bearer abc"]] },
    { user: "tokenFile: token.txt", headers: [["authorization", "Bearer from-file"]] },
    {
      user: "username: ann, password: 'p:w'",
      headers: [["authorization", `Basic ${b64("ann:p:w")}`]],
    },
    {
      user: "token: t, as: bob, as-uid: '42', as-groups: [dev, ops]",
      headers: [
        ["impersonate-user", "bob"],
        ["impersonate-uid", "42"],
        ["impersonate-group", "dev"],
        ["impersonate-group", "ops"],
        ["authorization", "Bearer t"],
      ],
    },
    { user: "", headers: [] },
  ];
  for (const c of cases) {
    await t.step(c.user, () =>
      withFiles(single(c.user), (dir) => {
        const kc = loadKubeConfig({ kubeconfig: `${dir}/k/config`, env: {} });
        deepEqual(nativeAccess(kc).headers(), c.headers);
        deepEqual(routeOf(kc), { transport: "native", auth: "native" });
      }));
  }
});
