/** Ctrl-C during a deploy: the deploy stops waiting, is recorded as interrupted, exit 130. */
import { equal, match } from "node:assert/strict";
import { deploymentYaml } from "../_apps.ts";
import { cliWorld } from "../_cli.ts";

const WEB = deploymentYaml("1.0");

Deno.test("Ctrl-C while a deploy waits exits 130 after recording the interruption", async () => {
  // Workloads take an hour to become ready: the deploy is still waiting when Ctrl-C comes.
  await using world = await cliWorld({ readyDelayMs: 3_600_000 });
  let press!: () => void;
  const interrupt = new Promise<void>((resolve) => (press = resolve));
  const watch = await world.sandbox.cluster.watch("apps/v1", "Deployment", {}, (event) => {
    if (event.type === "ADDED") press();
  });
  try {
    const file = await world.write("web.yaml", WEB);
    const run = await world.run(["deploy", "-f", file, "-s", "web"], { interrupt });
    equal(run.code, 130, run.io.out() + run.io.err());
    match(run.io.err(), /Interrupted: stopping/);
  } finally {
    watch.stop();
  }
  const history = JSON.parse((await world.run(["history", "web", "-o", "json"])).io.out());
  equal(history.deploys[0].error.code, "DEPLOY_INTERRUPTED");
});
