import { deepEqual, equal, ok, throws } from "node:assert/strict";
import type { KubeObject } from "../../src/manifests/mod.ts";
import { isNopeaError } from "../../src/shared/mod.ts";
import { parseCanarySteps, planRollout, workloadOf } from "../../src/strategy/mod.ts";

const labels = { app: "api" };

function deployment(name = "api", spec: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, namespace: "prod", labels },
    spec: {
      replicas: 3,
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [{ name: "api", image: "api:2" }] } },
      ...spec,
    },
  };
}

function service(name = "api", spec: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name, namespace: "prod" },
    spec: {
      type: "NodePort",
      selector: labels,
      ports: [{ port: 8080, targetPort: 80, nodePort: 30080 }],
      ...spec,
    },
  };
}

const config: KubeObject = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cfg" } };

function spec(o: KubeObject | undefined): Record<string, unknown> {
  return (o?.["spec"] ?? {}) as Record<string, unknown>;
}

function specInvalid(pattern: RegExp) {
  return (e: unknown) => isNopeaError(e) && e.code === "SPEC_INVALID" && pattern.test(e.message);
}

Deno.test("planRollout() builds a canary Rollout from the service's Deployment", () => {
  const plan = planRollout("canary", [config, service(), deployment()], { service: "api" });
  deepEqual(plan.objects.map((o) => `${o.kind}/${o.metadata.name}`), [
    "ConfigMap/cfg",
    "Service/api",
    "Service/api-canary",
    "Rollout/api",
  ]);
  deepEqual(plan.rollout.metadata, {
    name: "api",
    namespace: "prod",
    labels: { app: "api", "app.kubernetes.io/managed-by": "nopea" },
  });
  const s = spec(plan.rollout);
  equal(s["replicas"], 3);
  deepEqual(s["selector"], spec(deployment())["selector"]);
  deepEqual(s["template"], spec(deployment())["template"]);
  deepEqual(s["strategy"], {
    canary: {
      stableService: "api",
      canaryService: "api-canary",
      port: 8080,
      steps: [{ setWeight: 10 }, { setWeight: 25 }, { setWeight: 50 }, { setWeight: 100 }],
    },
  });
  equal(plan.replaced.kind, "Deployment");
  deepEqual(plan.warnings, []);
});

Deno.test("planRollout() makes the Services select KULTA's roles", async (t) => {
  const cases = [
    { strategy: "canary", roles: ["stable", "canary"], second: "api-canary" },
    { strategy: "blue_green", roles: ["active", "preview"], second: "api-preview" },
  ] as const;
  for (const c of cases) {
    await t.step(c.strategy, () => {
      const plan = planRollout(c.strategy, [service(), deployment()], { service: "api" });
      const [base, copy] = plan.objects;
      deepEqual(spec(base)["selector"], { app: "api", "rollouts.kulta.io/type": c.roles[0] });
      equal(spec(base)["type"], "NodePort");
      deepEqual(copy?.metadata, { name: c.second, namespace: "prod" });
      deepEqual(spec(copy), {
        ports: [{ port: 8080, targetPort: 80 }],
        selector: { app: "api", "rollouts.kulta.io/type": c.roles[1] },
      });
    });
  }
});

Deno.test("planRollout() keeps a -canary Service of the manifests and adds only its role", () => {
  const canary = service("api-canary", { type: "ClusterIP", ports: [{ port: 9090 }] });
  const plan = planRollout("canary", [service(), canary, deployment()], { service: "api" });
  equal(plan.objects.length, 3);
  deepEqual(spec(plan.objects[1]), {
    type: "ClusterIP",
    selector: { app: "api", "rollouts.kulta.io/type": "canary" },
    ports: [{ port: 9090 }],
  });
});

Deno.test("planRollout() writes blue-green services, route, analysis and steps", () => {
  const analysis = {
    warmupDuration: "1m",
    metrics: [{ name: "error-rate", threshold: 5 }],
  } as const;
  const steps = [{ setWeight: 20, pause: {} }, { setWeight: 100 }];
  const canary = planRollout("canary", [service(), deployment()], {
    service: "api",
    steps,
    httpRoute: "api-route",
    analysis,
  });
  deepEqual(spec(canary.rollout)["strategy"], {
    canary: {
      stableService: "api",
      canaryService: "api-canary",
      port: 8080,
      steps,
      trafficRouting: { gatewayAPI: { httpRoute: "api-route" } },
      analysis,
    },
  });
  const bg = planRollout("blue_green", [service(), deployment()], {
    service: "api",
    httpRoute: "api-route",
    analysis,
  });
  deepEqual(spec(bg.rollout)["strategy"], {
    blueGreen: {
      activeService: "api",
      previewService: "api-preview",
      port: 8080,
      trafficRouting: { gatewayAPI: { httpRoute: "api-route" } },
    },
  });
  deepEqual(bg.warnings, [
    "KULTA does not analyse blue-green rollouts: the analysis settings are ignored",
  ]);
});

Deno.test("planRollout() copies the progress deadline and defaults the port without a Service", () => {
  const plan = planRollout("canary", [deployment("api", { progressDeadlineSeconds: 90 })], {
    service: "api",
  });
  equal(spec(plan.rollout)["progressDeadlineSeconds"], 90);
  equal((spec(plan.rollout)["strategy"] as { canary: { port: number } }).canary.port, 80);
  equal(plan.objects.length, 1);
  ok(plan.warnings[0]?.includes('No Service "api" in the manifests'));
});

Deno.test("planRollout() gives the same plan when it plans its own output", async (t) => {
  for (const strategy of ["canary", "blue_green"] as const) {
    await t.step(strategy, () => {
      const options = { service: "api", steps: [{ setWeight: 50, pause: {} }, { setWeight: 100 }] };
      const first = planRollout(strategy, [config, service(), deployment()], options);
      const again = planRollout(strategy, first.objects, { service: "api" });
      deepEqual(again.objects, first.objects);
      equal(again.replaced.kind, "Rollout");
    });
  }
});

Deno.test("planRollout() does not change its input", () => {
  const input = [service(), deployment()];
  const copy = structuredClone(input);
  planRollout("canary", input, { service: "api" });
  deepEqual(input, copy);
});

Deno.test("planRollout() refuses manifests it cannot build a Rollout from", async (t) => {
  const cases: { name: string; objects: KubeObject[]; options?: object; error: RegExp }[] = [
    { name: "no Deployment", objects: [service()], error: /hold no Deployment/ },
    {
      name: "several Deployments, none named like the service",
      objects: [deployment("worker"), deployment("cron")],
      error: /2 Deployments \("worker", "cron"\) and none is named "api"/,
    },
    {
      name: "empty steps",
      objects: [deployment()],
      options: { steps: [] },
      error: /the canary has no steps/,
    },
    {
      name: "weight over 100",
      objects: [deployment()],
      options: { steps: [{ setWeight: 120 }] },
      error: /step 1 has weight "120"/,
    },
    {
      name: "a pause in days",
      objects: [deployment()],
      options: { steps: [{ setWeight: 10, pause: { duration: "1d" } }] },
      error: /pauses for "1d"/,
    },
    {
      name: "an unknown metric",
      objects: [deployment()],
      options: { analysis: { metrics: [{ name: "latency-p99", threshold: 1 }] } },
      error: /KULTA has no metric "latency-p99"/,
    },
  ];
  for (const c of cases) {
    await t.step(c.name, () => {
      throws(
        () => planRollout("canary", c.objects, { service: "api", ...c.options }),
        specInvalid(c.error),
      );
    });
  }
});

Deno.test("workloadOf() picks the Deployment named like the service, else the only one", () => {
  equal(workloadOf([deployment("worker"), deployment("api")], "api").metadata.name, "api");
  equal(workloadOf([deployment("web")], "api").metadata.name, "web");
});

Deno.test("parseCanarySteps() reads weights with pauses and refuses bad items", async (t) => {
  deepEqual(parseCanarySteps("10, 25:pause,50:5m,100"), [
    { setWeight: 10 },
    { setWeight: 25, pause: {} },
    { setWeight: 50, pause: { duration: "5m" } },
    { setWeight: 100 },
  ]);
  for (
    const [text, error] of [["", /"" is not a weight/], ["10,x", /"x" is not a weight/], [
      "10:2d",
      /pauses for "2d"/,
    ], ["150", /weight "150"/]] as const
  ) {
    await t.step(text || "empty", () => throws(() => parseCanarySteps(text), specInvalid(error)));
  }
});
