/**
 * A scripted history for the web view's tests, made with the CLI against a real-time sandbox:
 * `api` (a Service and a Deployment), then `web` (whose environment names `api`): two good
 * deploys, a broken image, a canary, and a rollback.
 */
import { equal } from "node:assert/strict";
import { KULTA_CRD } from "../../src/progressive/mod.ts";
import { type OpenedEngine, openEngine } from "../../src/wiring/mod.ts";
import { deploymentYaml } from "../_apps.ts";
import { type CliWorld, cliWorld } from "../_cli.ts";

/** The Kubernetes Service `api`, which `web` names. */
const API_SERVICE = `apiVersion: v1
kind: Service
metadata: {name: api}
spec:
  selector: {app: api}
  ports: [{port: 8080}]
---
`;

/** `web` at `tag`, one Deployment whose environment names the `api` service. */
function web(tag: string): string {
  return deploymentYaml(tag).replace(
    `image: example/web:${tag}`,
    `image: example/web:${tag}\n          env: [{name: API_ADDR, value: "api:8080"}]`,
  );
}

async function deploy(world: CliWorld, service: string, yaml: string, ...more: string[]) {
  const file = await world.write(`${service}-${crypto.randomUUID()}.yaml`, yaml);
  return await world.run(["deploy", "-f", file, "-s", service, ...more]);
}

/** Makes the history; every step must end as scripted. */
export async function scriptHistory(world: CliWorld): Promise<void> {
  await world.sandbox.cluster.apply(KULTA_CRD, { fieldManager: "test" });
  const ok = (run: { code: number; io: { err(): string } }, code = 0) =>
    equal(run.code, code, run.io.err());
  ok(await deploy(world, "api", API_SERVICE + deploymentYaml("1.0", { name: "api" })));
  ok(await deploy(world, "web", web("1.0")));
  ok(await deploy(world, "web", web("2.0")));
  ok(await deploy(world, "web", web("broken"), "--tolerance", "0s"), 1);
  ok(await deploy(world, "web", web("3.0"), "--strategy", "canary", "--steps", "50,100"));
  ok(await world.run(["rollback", "web"]));
}

/** A CLI world holding the scripted history, and an engine opened on its memory. */
export interface HistoryWorld extends AsyncDisposable {
  world: CliWorld;
  opened: OpenedEngine;
}

/** The world after {@linkcode scriptHistory}. */
export async function historyWorld(): Promise<HistoryWorld> {
  const world = await cliWorld();
  try {
    await scriptHistory(world);
    const opened = openEngine({
      memoryDir: `${world.dir}/.nopea`,
      kubeconfig: world.kubeconfig,
      env: {},
      log: { log: () => {} },
    });
    return {
      world,
      opened,
      async [Symbol.asyncDispose]() {
        await opened[Symbol.asyncDispose]();
        await world[Symbol.asyncDispose]();
      },
    };
  } catch (error) {
    await world[Symbol.asyncDispose]();
    throw error;
  }
}
