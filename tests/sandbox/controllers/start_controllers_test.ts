import { deepEqual, equal, ok, throws } from "node:assert/strict";
import { SandboxCore } from "../../../src/sandbox/core/mod.ts";
import { DEFAULT_FAILURE_RULES, startControllers } from "../../../src/sandbox/controllers/mod.ts";
import { globMatch } from "../../../src/sandbox/controllers/options.ts";
import type { JsonObject } from "../../../src/sandbox/types.ts";
import { fixedClock, isNopeaError } from "../../../src/shared/mod.ts";
import { deployment, harness, meta, podsOf, status } from "./_harness.ts";
import { deploymentVerdict } from "./_kubectl.ts";
import { canary, installCrds, rollout, route, weights } from "./_kulta.ts";

Deno.test("startControllers() reconciles objects that existed before it started", () => {
  const clock = fixedClock("2026-01-01T00:00:00Z");
  const core = new SandboxCore({ clock });
  core.patch(
    { group: "apps", version: "v1", plural: "deployments", namespace: "default", name: "web" },
    "apply",
    deployment("web", "nginx:1.25", 2),
    { fieldManager: "nopea" },
  );
  const api = core.controllerApi();
  equal(api.list("", "Pod").length, 0);
  const controllers = startControllers(api);
  equal(api.list("", "Pod").length, 2);
  clock.advance(1000);
  core.runDue();
  equal(
    deploymentVerdict(api.get("apps", "Deployment", "default", "web") as JsonObject).done,
    true,
  );
  controllers.stop();
});

Deno.test("startControllers() stop() ends every transition", () => {
  const h = harness();
  h.apply(deployment("web", "nginx:1.25"));
  h.controllers.stop();
  h.advance(5000);
  equal(status(podsOf(h, "web-")[0])["phase"], "Pending");
  h.apply(deployment("api", "nginx:1.25"));
  equal(podsOf(h, "api-").length, 0);
});

Deno.test("startControllers() lets garbage collection remove a deleted Deployment's pods", () => {
  const h = harness();
  h.apply(deployment("web", "nginx:1.25", 2));
  h.advance(1000);
  h.remove("Deployment", "web");
  deepEqual([h.list("ReplicaSet").length, h.list("Pod").length], [0, 0]);
  h.apply(deployment("web", "nginx:1.25", 2));
  h.advance(1000);
  equal(deploymentVerdict(h.get("Deployment", "web") as JsonObject).done, true);
});

Deno.test("startControllers() recreates a pod deleted under a ReplicaSet", () => {
  const h = harness();
  h.apply(deployment("web", "nginx:1.25", 1));
  h.advance(1000);
  const first = String(meta(podsOf(h, "web-")[0])["name"]);
  h.remove("Pod", first);
  const pods = podsOf(h, "web-");
  equal(pods.length, 1);
  ok(meta(pods[0])["name"] !== first);
  equal(deploymentVerdict(h.get("Deployment", "web") as JsonObject).done, false);
  h.advance(1000);
  equal(deploymentVerdict(h.get("Deployment", "web") as JsonObject).done, true);
});

Deno.test("startControllers() patches an HTTPRoute created after its Rollout", () => {
  const h = harness();
  installCrds(h);
  h.apply(rollout(canary([{ setWeight: 30, pause: {} }, { setWeight: 100 }])));
  h.apply(route());
  deepEqual(weights(h), ["web=70", "web-canary=30"]);
  h.apply(route());
  deepEqual(weights(h), ["web=70", "web-canary=30"], "a re-applied route is patched again");
});

Deno.test("startControllers() rejects impossible options", async (t) => {
  const api = new SandboxCore({ clock: fixedClock() }).controllerApi();
  const cases = [
    { name: "negative readyDelayMs", options: { readyDelayMs: -1 }, text: '"readyDelayMs"' },
    { name: "NaN rolloutStepMs", options: { rolloutStepMs: Number.NaN }, text: '"rolloutStepMs"' },
    {
      name: "negative progressDeadlineSeconds",
      options: { progressDeadlineSeconds: -5 },
      text: '"progressDeadlineSeconds"',
    },
    {
      name: "unknown failure reason",
      options: { failureRules: [{ image: "*:x", reason: "OOMKilled" as "ErrImagePull" }] },
      text: '"OOMKilled"',
    },
  ];
  for (const c of cases) {
    await t.step(c.name, () => {
      throws(
        () => startControllers(api, c.options),
        (e) =>
          isNopeaError(e) && e.code === "SPEC_INVALID" && e.message.includes(c.text) && !!e.hint,
      );
    });
  }
});

Deno.test("globMatch() matches full image references", async (t) => {
  const cases: [string, string, boolean][] = [
    ["*:broken", "nginx:broken", true],
    ["*:broken", "registry.example:5000/team/app:broken", true],
    ["*:broken", "nginx:broken-2", false],
    ["*:broken", "nginx", false],
    ["nginx:1.?", "nginx:1.7", true],
    ["nginx:1.?", "nginx:1.25", false],
    ["app.v1+x:*", "app.v1+x:tag", true],
    ["app.v1+x:*", "appXv1+x:tag", false],
  ];
  for (const [pattern, image, expected] of cases) {
    await t.step(
      `${pattern} ~ ${image} = ${expected}`,
      () => equal(globMatch(pattern, image), expected),
    );
  }
});

Deno.test("DEFAULT_FAILURE_RULES fail ':broken' pulls and crash ':crash' containers", () => {
  deepEqual(DEFAULT_FAILURE_RULES, [
    { image: "*:broken", reason: "ImagePullBackOff" },
    { image: "*:crash", reason: "CrashLoopBackOff" },
  ]);
});

Deno.test("startControllers() keeps running pods running across a restart from exported state", () => {
  const h = harness();
  h.apply(deployment("web", "nginx:1.25", 2));
  h.advance(1000);
  const state = h.core.exportState();
  h.controllers.stop();
  const clock = fixedClock(h.clock.now() + 60_000);
  const core = new SandboxCore({ clock });
  core.importState(state);
  const controllers = startControllers(core.controllerApi());
  const d = core.controllerApi().get("apps", "Deployment", "default", "web") as JsonObject;
  equal(deploymentVerdict(d).done, true);
  ok(core.controllerApi().list("", "Pod").every((p) => status(p)["phase"] === "Running"));
  controllers.stop();
});
