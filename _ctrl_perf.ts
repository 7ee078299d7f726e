import { SandboxCore } from "./src/sandbox/core/mod.ts";
import { startControllers } from "./src/sandbox/controllers/mod.ts";
import { fixedClock } from "./src/shared/mod.ts";
const clock = fixedClock();
const core = new SandboxCore({ clock });
const c = startControllers(core.controllerApi());
const t = performance.now();
for (let i = 0; i < 1000; i++) {
  const name = `web-${i}`;
  core.patch(
    { group: "apps", version: "v1", plural: "deployments", namespace: "default", name },
    "apply",
    {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: name } },
        template: {
          metadata: { labels: { app: name } },
          spec: { containers: [{ name: "app", image: "nginx:1" }] },
        },
      },
    },
    { fieldManager: "nopea" },
  );
}
console.log("apply ms", Math.round(performance.now() - t));
c.stop();
