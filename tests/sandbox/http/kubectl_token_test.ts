/**
 * `kubectl create token` (the ServiceAccount `token` subresource): the token it returns is the
 * sandbox's own, and it authenticates kubectl and @kubernetes/client-node.
 */
import * as k8s from "@kubernetes/client-node";
import { deepEqual, equal, match, ok } from "node:assert/strict";
import { sandboxKubeConfig } from "../../_sandbox.ts";
import { hasKubectl } from "./_kubectl_run.ts";
import { kubectlJson, withKubectl } from "./_kubectl_sandbox.ts";

const KUBECTL = await hasKubectl();
const SKIP = KUBECTL ? "" : " (skipped: kubectl is not on PATH)";

Deno.test({
  name: `kubectl create token returns the token that authenticates against the sandbox${SKIP}`,
  ignore: !KUBECTL,
  fn: (t) =>
    withKubectl(async ({ kubectl, sandbox }) => {
      let token = "";
      await t.step("the namespace's default ServiceAccount exists", async () => {
        const accounts = await kubectlJson(kubectl, ["get", "serviceaccounts"]);
        deepEqual(accounts.items.map((a: k8s.V1ServiceAccount) => a.metadata?.name), ["default"]);
      });
      await t.step("create token prints a token kubectl and client-node can use", async () => {
        const run = await kubectl(["create", "token", "default"]);
        equal(run.code, 0, run.stderr);
        token = run.stdout.trim();
        ok(token.length > 0);
        const get = await kubectl(["--token", token, "get", "namespace", "default"]);
        equal(get.code, 0, get.stderr);
        const kc = sandboxKubeConfig(sandbox, { token });
        const list = await kc.makeApiClient(k8s.CoreV1Api).listNamespace();
        ok(list.items.some((ns) => ns.metadata?.name === "kube-system"));
        const wrong = await kubectl(["--token", `${token}x`, "get", "namespace", "default"]);
        match(wrong.stderr, /Unauthorized|must be logged in/);
      });
      await t.step("--duration sets the lifetime; under 10 minutes is refused", async () => {
        const request = await kubectlJson(kubectl, ["create", "token", "default", "--duration=2h"]);
        equal(request.kind, "TokenRequest");
        equal(request.spec.expirationSeconds, 7200);
        equal(request.status.expirationTimestamp, "2026-01-01T02:00:00Z");
        equal(request.status.token, token);
        const short = await kubectl(["create", "token", "default", "--duration=1m"]);
        match(
          short.stderr,
          /spec.expirationSeconds: Invalid value: 60: may not specify a duration less than 10 minutes/,
        );
      });
      await t.step("discovery lists the subresource; client-node's request works", async () => {
        const core = JSON.parse((await kubectl(["get", "--raw", "/api/v1"])).stdout);
        const entry = core.resources.find((r: { name: string }) =>
          r.name === "serviceaccounts/token"
        );
        deepEqual([entry.group, entry.version, entry.kind], [
          "authentication.k8s.io",
          "v1",
          "TokenRequest",
        ]);
        const api = sandboxKubeConfig(sandbox).makeApiClient(k8s.CoreV1Api);
        const answer = await api.createNamespacedServiceAccountToken({
          name: "default",
          namespace: "default",
          body: { spec: { audiences: [], expirationSeconds: 600 } },
        });
        equal(answer.status?.token, token);
        equal(answer.spec?.expirationSeconds, 600);
      });
      await t.step("a missing ServiceAccount is a 404", async () => {
        const run = await kubectl(["create", "token", "ghost"]);
        match(run.stderr, /serviceaccounts "ghost" not found/);
      });
    }),
});
