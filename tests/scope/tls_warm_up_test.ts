/** The main thread's TLS warm-up: one handshake with the cluster's CA, or a reason to skip it; never a throw. */
import { deepEqual, equal } from "node:assert/strict";
import { generateCertificates } from "../../src/sandbox/http/mod.ts";
import { startSandbox } from "../../src/sandbox/mod.ts";
import { type ClusterTls, warmUpClusterTls, warmUpTls } from "../../src/scope/mod.ts";

/** A TLS server that counts the connections it accepts and says when one completed a handshake. */
async function tlsServer(): Promise<{
  port: number;
  accepted: () => number;
  handshake: Promise<void>;
  caPem: string;
  [Symbol.asyncDispose](): Promise<void>;
}> {
  const { caPem, certPem, keyPem } = await generateCertificates();
  const listener = Deno.listenTls({ hostname: "127.0.0.1", port: 0, cert: certPem, key: keyPem });
  let accepted = 0;
  const { promise: handshake, resolve } = Promise.withResolvers<void>();
  const serving = (async () => {
    for await (const conn of listener) {
      accepted++;
      await conn.handshake().then(() => resolve(), () => {});
      conn.close();
    }
  })();
  return {
    port: listener.addr.port,
    accepted: () => accepted,
    handshake,
    caPem,
    async [Symbol.asyncDispose]() {
      listener.close();
      await serving.catch(() => {});
    },
  };
}

const facts = (server: string, more: Partial<ClusterTls> = {}): ClusterTls => ({
  server,
  insecure: false,
  ...more,
});

Deno.test("the warm-up skips every case a direct handshake would be wrong, and makes none", async (t) => {
  await using server = await tlsServer();
  const https = `https://127.0.0.1:${server.port}`;
  type Case = [ClusterTls | undefined, Record<string, string>, string];
  const proxyVariables = ["HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"];
  const cases: Case[] = [
    [undefined, {}, "no-cluster"],
    [facts(`http://127.0.0.1:${server.port}`), {}, "not-https"],
    [facts(https, { insecure: true }), {}, "insecure"],
    [facts(https, { tlsServerName: "api.test" }), {}, "tls-server-name"],
    [facts(https, { proxyUrl: "http://proxy.test:3128" }), {}, "proxy"],
    ...proxyVariables.map((v): Case => [facts(https), { [v]: "http://proxy.test:3128" }, "proxy"]),
  ];
  for (const [tls, proxyEnv, reason] of cases) {
    await t.step(`${reason} ${JSON.stringify({ ...tls, ...proxyEnv })}`, async () => {
      equal(await warmUpTls(tls, { proxyEnv, timeoutMs: 60_000 }), reason);
    });
  }
  // Connections are accepted in order: had a skipped case connected, it would be counted first.
  equal(await warmUpTls(facts(https, { caPem: server.caPem })), "warmed");
  await server.handshake;
  equal(server.accepted(), 1);
});

Deno.test({
  name: "the warm-up makes no connection the process may not make",
  permissions: { net: ["127.0.0.1:1"] },
  fn: async () => {
    equal(await warmUpTls(facts("https://127.0.0.1:2", { caPem: "x" })), "no-permission");
  },
});

Deno.test("the warm-up handshakes with the sandbox's API server, trusting its kubeconfig's CA", async () => {
  const sandbox = await startSandbox();
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/kubeconfig`, sandbox.kubeconfig());
    equal(await warmUpClusterTls({ kubeconfig: `${dir}/kubeconfig`, env: {} }), "warmed");
    equal(await warmUpClusterTls({ env: { KUBECONFIG: `${dir}/missing` } }), "no-cluster");
  } finally {
    await Deno.remove(dir, { recursive: true });
    await sandbox.close();
  }
});

Deno.test("the warm-up never rejects: a closed port, a CA that does not sign the server", async () => {
  const closed = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = closed.addr.port;
  closed.close();
  equal(await warmUpTls(facts(`https://127.0.0.1:${port}`)), "failed");
  await using server = await tlsServer();
  const other = await generateCertificates();
  const wrongCa = facts(`https://127.0.0.1:${server.port}`, { caPem: other.caPem });
  equal(await warmUpTls(wrongCa), "failed");
  equal(
    await warmUpTls(facts(`https://127.0.0.1:${server.port}`, { caPem: "not a PEM" })),
    "failed",
  );
});

Deno.test("a handshake the server never answers is abandoned after the timeout", async () => {
  const silent = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const held = silent.accept();
  try {
    const tls = facts(`https://127.0.0.1:${silent.addr.port}`);
    equal(await warmUpTls(tls, { timeoutMs: 20 }), "timed-out");
  } finally {
    silent.close();
    // The server's side hangs up: Deno releases a client socket mid-handshake only then.
    (await held.catch(() => undefined))?.close();
  }
});

Deno.test({
  name: "the warm-up is skipped when the process may not read the proxy variables",
  permissions: { read: true, write: true, net: true, env: ["HOME"] },
  fn: async () => {
    const dir = await Deno.makeTempDir();
    try {
      const kubeconfig = `${dir}/kubeconfig`;
      await Deno.writeTextFile(
        kubeconfig,
        `clusters: [{ name: c, cluster: { server: "https://127.0.0.1:1" } }]
contexts: [{ name: x, context: { cluster: c } }]
current-context: x
`,
      );
      equal(await warmUpClusterTls({ kubeconfig, env: {} }), "proxy-unknown");
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test("the proxy variables the warm-up checks are those the documented --allow-env grants", async () => {
  const { OPTIONAL_VARIABLES } = await import("../../src/permissions/mod.ts");
  const { PROXY_VARIABLES } = await import("../../src/scope/net_scope.ts");
  deepEqual(Object.keys(OPTIONAL_VARIABLES), PROXY_VARIABLES);
});
