/**
 * `kubectl create priorityclass` (scheduling.k8s.io/v1): kube's columns, defaults and checks,
 * and the Priority admission of pods that name a class. Autoscalers are in
 * `kubectl_autoscale_test.ts`, tokens in `kubectl_token_test.ts`.
 */
import { deepEqual, equal, match } from "node:assert/strict";
import { stringify } from "yaml";
import { hasKubectl } from "./_kubectl_run.ts";
import { kubectlJson, withKubectl } from "./_kubectl_sandbox.ts";

const KUBECTL = await hasKubectl();
const SKIP = KUBECTL ? "" : " (skipped: kubectl is not on PATH)";

Deno.test({
  name: `kubectl create priorityclass, its checks, and pods that name a class${SKIP}`,
  ignore: !KUBECTL,
  fn: (t) =>
    withKubectl(async ({ kubectl }) => {
      await t.step("create priorityclass, then get shows kube's columns", async () => {
        const run = await kubectl(["create", "priorityclass", "high", "--value=1000"]);
        equal(run.stdout.trim(), "priorityclass.scheduling.k8s.io/high created", run.stderr);
        const get = await kubectl(["get", "priorityclass", "high"]);
        match(get.stdout, /NAME\s+VALUE\s+GLOBAL-DEFAULT\s+AGE\s+PREEMPTIONPOLICY/);
        match(get.stdout, /high\s+1000\s+false\s+\S+\s+PreemptLowerPriority/);
      });
      await t.step("value 0 is kept (protobuf) and one class may be the default", async () => {
        const zero = ["create", "pc", "zero", "--value=0", "--global-default"];
        equal((await kubectl(zero)).code, 0);
        const stored = await kubectlJson(kubectl, ["get", "pc", "zero"]);
        deepEqual([stored.value, stored.globalDefault], [0, true]);
        const second = await kubectl(["create", "pc", "other", "--value=5", "--global-default"]);
        match(second.stderr, /is forbidden: PriorityClass zero is already marked as default/);
      });
      await t.step("a class without value is a 422 naming the field", async () => {
        const bad = { apiVersion: "scheduling.k8s.io/v1", kind: "PriorityClass" };
        const run = await kubectl(
          ["apply", "-f", "-"],
          stringify({ ...bad, metadata: { name: "b" } }),
        );
        equal(run.code, 1);
        match(run.stderr, /The PriorityClass "b" is invalid: value: Required value/);
      });
      await t.step(
        "a pod naming a class gets its priority; an unknown class is refused",
        async () => {
          const pod = (name: string, priorityClassName: string) =>
            stringify({
              apiVersion: "v1",
              kind: "Pod",
              metadata: { name },
              spec: { priorityClassName, containers: [{ name: "c", image: "nginx:1" }] },
            });
          equal((await kubectl(["apply", "-f", "-"], pod("p", "high"))).code, 0);
          const spec = (await kubectlJson(kubectl, ["get", "pod", "p"])).spec;
          deepEqual([spec.priority, spec.preemptionPolicy], [1000, "PreemptLowerPriority"]);
          const critical = await kubectl(["apply", "-f", "-"], pod("s", "system-cluster-critical"));
          equal(critical.code, 0, critical.stderr);
          const unknown = await kubectl(["apply", "-f", "-"], pod("u", "nope"));
          match(unknown.stderr, /no PriorityClass with name nope was found/);
        },
      );
    }),
});
