/**
 * Kubeconfigs read by Nopea against the sandbox: file references resolved against the
 * kubeconfig's folder, an exec credential plugin through the lazily loaded client-node, and
 * clear errors for credentials that cannot be used.
 */
import { equal, rejects } from "node:assert/strict";
import { parse } from "yaml";
import { KubeCluster, loadKubeConfig } from "../../src/kube/mod.ts";
import { isNopeaError } from "../../src/shared/mod.ts";
import { startTestSandbox } from "../_sandbox.ts";
import { withFiles } from "./_temp_files.ts";

interface SandboxAccess {
  server: string;
  ca: string;
  token: string;
}

function accessOf(kubeconfig: string): SandboxAccess {
  const doc = parse(kubeconfig);
  const cluster = doc.clusters[0].cluster;
  return {
    server: cluster.server,
    ca: atob(cluster["certificate-authority-data"]),
    token: doc.users[0].user.token,
  };
}

function kubeconfigWith(server: string, cluster: string, user: string): string {
  return `clusters: [{ name: c, cluster: { server: "${server}", ${cluster} } }]
users: [{ name: u, user: { ${user} } }]
contexts: [{ name: x, context: { cluster: c, user: u } }]
current-context: x
`;
}

function execCredential(token: string): string {
  const credential = {
    apiVersion: "client.authentication.k8s.io/v1",
    kind: "ExecCredential",
    status: { token },
  };
  return `#!/bin/sh\necho '${JSON.stringify(credential)}'\n`;
}

const EXEC =
  "exec: { apiVersion: client.authentication.k8s.io/v1, command: ./get-token, interactiveMode: Never }";

/** A sandbox on a fixed clock, closed after `body`. */
async function withSandbox(body: (kubeconfig: string) => Promise<void>): Promise<void> {
  const sandbox = await startTestSandbox();
  try {
    await body(sandbox.kubeconfig());
  } finally {
    await sandbox.close();
  }
}

async function readDefaultNamespace(kubeconfig: string): Promise<string | undefined> {
  const cluster = new KubeCluster(loadKubeConfig({ kubeconfig, env: {} }), { retries: 0 });
  try {
    return (await cluster.get({ apiVersion: "v1", kind: "Namespace", name: "default" }))
      ?.metadata.name;
  } finally {
    await cluster.close();
  }
}

Deno.test("KubeCluster authenticates with each kind of kubeconfig credential", (t) =>
  withSandbox(async (kubeconfig) => {
    const { server, ca, token } = accessOf(kubeconfig);
    const cases = [
      {
        name: "relative CA file and token file",
        cluster: "certificate-authority: ca.crt",
        user: "tokenFile: secrets/token",
      },
      {
        name: "CA data and token",
        cluster: `certificate-authority-data: ${btoa(ca)}`,
        user: `token: ${token}`,
      },
      {
        name: "exec plugin (client-node, loaded on demand)",
        cluster: "certificate-authority: ca.crt",
        user: EXEC,
      },
    ];
    for (const c of cases) {
      await t.step(c.name, async () => {
        const files = {
          "kube/config": kubeconfigWith(server, c.cluster, c.user),
          "kube/ca.crt": ca,
          "kube/secrets/token": `${token}\n`,
          "kube/get-token": execCredential(token),
        };
        await withFiles(files, async (dir) => {
          await Deno.chmod(`${dir}/kube/get-token`, 0o755);
          equal(await readDefaultNamespace(`${dir}/kube/config`), "default");
        });
      });
    }
  }));

Deno.test("credentials that cannot be used are said clearly", (t) =>
  withSandbox(async (kubeconfig) => {
    const { server, ca } = accessOf(kubeconfig);
    const cases = [
      {
        name: "missing CA file",
        cluster: "certificate-authority: nope.crt",
        user: "token: t",
        code: "KUBECONFIG_INVALID",
        message: /certificate-authority ".*nope\.crt" of cluster "c"/,
      },
      {
        name: "certificate without key",
        cluster: "certificate-authority: ca.crt",
        user: "client-certificate-data: QQ==",
        code: "KUBECONFIG_INVALID",
        message: /sets client-certificate but no client-key/,
      },
      {
        name: "CA data not base64",
        cluster: "certificate-authority-data: '%%%'",
        user: "token: t",
        code: "KUBECONFIG_INVALID",
        message: /certificate-authority-data of cluster "c": it is not base64/,
      },
      {
        name: "missing token file",
        cluster: "certificate-authority: ca.crt",
        user: "tokenFile: gone",
        code: "KUBECONFIG_INVALID",
        message: /tokenFile ".*gone" of user "u"/,
      },
      {
        name: "exec plugin that fails",
        cluster: "certificate-authority: ca.crt",
        user: EXEC,
        code: "KUBE_UNAUTHORIZED",
        message: /Cannot authenticate to the cluster/,
      },
      {
        name: "wrong token",
        cluster: "certificate-authority: ca.crt",
        user: "token: wrong",
        code: "KUBE_UNAUTHORIZED",
        message: /./,
      },
    ];
    for (const c of cases) {
      await t.step(c.name, async () => {
        const files = {
          "kube/config": kubeconfigWith(server, c.cluster, c.user),
          "kube/ca.crt": ca,
          "kube/get-token": "#!/bin/sh\necho 'no credential for you' >&2\nexit 1\n",
        };
        await withFiles(files, async (dir) => {
          await Deno.chmod(`${dir}/kube/get-token`, 0o755);
          await rejects(
            readDefaultNamespace(`${dir}/kube/config`),
            (e) => isNopeaError(e) && e.code === c.code && c.message.test(e.message),
          );
        });
      });
    }
  }));
