import { deepEqual, equal, match } from "node:assert/strict";
import { cliWorld } from "../_cli.ts";
import { startSandbox } from "../../src/sandbox/mod.ts";
import { netScope, runScopedWorker } from "../../src/scope/mod.ts";

const PROBE = new URL("./_net_probe_worker.ts", import.meta.url);

Deno.test("netScope: the selected context's API server, the CDEvents sink and serve's address", async () => {
  await using world = await cliWorld();
  const port = new URL(world.sandbox.url).port;
  deepEqual(netScope({ kubeconfig: world.kubeconfig, env: {} }), [`127.0.0.1:${port}`]);
  deepEqual(
    netScope({
      env: { KUBECONFIG: world.kubeconfig, NOPEA_CDEVENTS_URL: "https://events.example/x" },
      listen: "127.0.0.1:8080",
    }),
    [`127.0.0.1:${port}`, "events.example:443", "127.0.0.1:8080"],
  );
  deepEqual(netScope({ kubeconfig: `${world.dir}/missing`, env: {} }), []);
});

Deno.test("in the limited worker the cluster client reaches the API server, and no other server", async () => {
  await using world = await cliWorld();
  const other = await startSandbox();
  try {
    const otherKubeconfig = `${world.dir}/other-kubeconfig`;
    await Deno.writeTextFile(otherKubeconfig, other.kubeconfig());
    const otherHost = `127.0.0.1:${new URL(other.url).port}`;
    let outcomes: unknown[] = [];
    const code = await runScopedWorker({
      module: PROBE,
      net: netScope({ kubeconfig: world.kubeconfig, env: {} }),
      message: { kubeconfigs: [world.kubeconfig, otherKubeconfig] },
      onReply: (reply) => outcomes = reply["outcomes"] as unknown[],
    });
    equal(code, 0);
    equal(outcomes[0], "reached");
    const refused = outcomes[1] as { code: string; message: string; hint: string };
    equal(refused.code, "PERMISSION_DENIED");
    match(refused.message, new RegExp(`Cannot reach the cluster's API server "${otherHost}"`));
    equal(refused.hint, `Add --allow-net=${otherHost}`);
  } finally {
    await other.close();
  }
});
