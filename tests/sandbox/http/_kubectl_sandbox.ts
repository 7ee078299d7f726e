/** A test sandbox with a kubectl pointed at it (scratch directory removed after). */
import { equal } from "node:assert/strict";
import type { Sandbox } from "../../../src/sandbox/mod.ts";
import { startTestSandbox } from "../../_sandbox.ts";
import { kubectlIn } from "./_kubectl_run.ts";

/** kubectl against one sandbox. */
export type Kubectl = ReturnType<typeof kubectlIn>;

/** Runs `fn` with a fresh sandbox (controllers ready at once) and a kubectl for it. */
export async function withKubectl(
  fn: (env: { kubectl: Kubectl; sandbox: Sandbox }) => Promise<void>,
): Promise<void> {
  const sandbox = await startTestSandbox({ controllers: { readyDelayMs: 0 } });
  const dir = await Deno.makeTempDir({ prefix: "nopea-kinds-" });
  await Deno.writeTextFile(`${dir}/kubeconfig`, sandbox.kubeconfig());
  try {
    await fn({ kubectl: kubectlIn(dir), sandbox });
  } finally {
    await sandbox.close();
    await Deno.remove(dir, { recursive: true });
  }
}

/** `kubectl <args> -o json`, parsed; fails the test when kubectl fails. */
export async function kubectlJson(kubectl: Kubectl, args: string[]) {
  const run = await kubectl([...args, "-o", "json"]);
  equal(run.code, 0, run.stderr);
  return JSON.parse(run.stdout);
}
