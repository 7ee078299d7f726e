/**
 * kubectl conformance of the sandbox (issue "sandbox fidelity", item 6): `logs`, `exec`,
 * `attach` and `port-forward` are refused saying the sandbox runs no containers; `auth can-i`
 * answers yes (no RBAC) and `auth whoami` names the token's user.
 */
import { equal, match } from "node:assert/strict";
import { startTestSandbox } from "../../_sandbox.ts";
import { hasKubectl, kubectlIn } from "./_kubectl_run.ts";

const KUBECTL = await hasKubectl();
const SKIP = KUBECTL ? "" : " (skipped: kubectl is not on PATH)";

const NO_CONTAINERS = /the Nopea sandbox runs no containers/;

Deno.test({
  name: `kubectl: logs, exec and attach are refused clearly; auth can-i and whoami answer${SKIP}`,
  ignore: !KUBECTL,
  async fn(t) {
    const sandbox = await startTestSandbox({ controllers: { readyDelayMs: 0 } });
    const dir = await Deno.makeTempDir({ prefix: "nopea-conformance-" });
    await Deno.writeTextFile(`${dir}/kubeconfig`, sandbox.kubeconfig());
    const kubectl = kubectlIn(dir);
    try {
      equal((await kubectl(["run", "nginx", "--image=nginx"])).code, 0);
      sandbox.tick();
      await t.step("logs, exec and attach say the sandbox runs no containers", async () => {
        const logs = await kubectl(["logs", "nginx"]);
        equal(logs.code, 1);
        match(logs.stderr, /^Error from server \(BadRequest\): pod "nginx" has no logs: /);
        match(logs.stderr, NO_CONTAINERS);
        const exec = await kubectl(["exec", "nginx", "--", "ls"]);
        equal(exec.code, 1);
        match(exec.stderr, /pod "nginx" cannot run commands: the Nopea sandbox runs no containers/);
        const attach = await kubectl(["attach", "nginx"]);
        equal(attach.code, 1);
        match(attach.stderr, NO_CONTAINERS);
      });
      await t.step("port-forward ends at once, the reason shown at -v=4", async () => {
        const run = await kubectl(["port-forward", "pod/nginx", "0:80", "-v=4"]);
        equal(run.code, 1);
        match(
          run.stderr,
          /close 1011 \(internal server error\): the Nopea sandbox runs no containers/,
        );
        match(run.stderr, /error: lost connection to pod/);
      });
      await t.step("logs of a pod that does not exist is NotFound", async () => {
        const logs = await kubectl(["logs", "nope"]);
        equal(logs.code, 1);
        match(logs.stderr, /pods "nope" not found/);
      });
      await t.step("auth can-i answers yes (no RBAC)", async () => {
        const can = await kubectl(["auth", "can-i", "delete", "nodes"]);
        equal(can.stdout.trim(), "yes", can.stderr);
        const list = await kubectl(["auth", "can-i", "--list"]);
        match(list.stdout, /\*\.\*\s+\[\]\s+\[\]\s+\[\*\]/);
      });
      await t.step("auth whoami names the token's user", async () => {
        const who = await kubectl(["auth", "whoami"]);
        equal(who.code, 0, who.stderr);
        match(who.stdout, /Username\s+nopea-sandbox\n/);
        match(who.stdout, /Groups\s+\[system:masters system:authenticated\]/);
      });
    } finally {
      await sandbox.close();
      await Deno.remove(dir, { recursive: true });
    }
  },
});
