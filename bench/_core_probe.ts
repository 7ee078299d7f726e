import { fixedClock } from "../src/shared/mod.ts";
import { SandboxCluster, SandboxCore } from "../src/sandbox/mod.ts";
import { startControllers } from "../src/sandbox/controllers/mod.ts";
const clock = fixedClock();
const core = new SandboxCore({ clock });
startControllers(core.controllerApi(), { readyDelayMs: 0 });
const cluster = new SandboxCluster(core);
const dep = (i: number) => ({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: `d-${i}`, namespace: "default" }, spec: { replicas: 1, selector: { matchLabels: { app: `d-${i}` } }, template: { metadata: { labels: { app: `d-${i}` } }, spec: { containers: [{ name: "app", image: "x:1" }] } } } });
for (const n of [100, 200, 300]) {
  const t = performance.now();
  for (let i = 0; i < 100; i++) await cluster.apply(dep(n + i));
  core.runDue();
  console.log(`deployments ${n}..${n + 99}: ms/apply`, ((performance.now() - t) / 100).toFixed(2));
}
const svc = (i: number) => ({ apiVersion: "v1", kind: "Service", metadata: { name: `s-${i}`, namespace: "default" }, spec: { selector: { app: `s-${i}` }, ports: [{ port: 80 }] } });
for (const n of [0, 100, 200]) {
  const t = performance.now();
  for (let i = 0; i < 100; i++) await cluster.apply(svc(n + i));
  console.log(`services ${n}: ms/apply`, ((performance.now() - t) / 100).toFixed(2));
}
