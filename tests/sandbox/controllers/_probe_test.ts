import { deployment, harness, status, meta } from "./_harness.ts";
import { deploymentVerdict } from "./_kubectl.ts";
Deno.test("probe", () => {
  const h = harness();
  h.apply(deployment("web", "nginx:1.25", 3));
  const show = (label: string) => {
    const d = h.get("Deployment", "web")!;
    console.log(label, JSON.stringify({ gen: meta(d)["generation"], ann: meta(d)["annotations"], status: status(d) }), deploymentVerdict(d).message);
  };
  show("t0");
  console.log(h.list("ReplicaSet").map((r) => [meta(r)["name"], JSON.stringify(status(r))]));
  console.log(h.list("Pod").map((r) => [meta(r)["name"], JSON.stringify(status(r))]));
  h.advance(999); show("t999");
  h.advance(1); show("t1000");
  console.log(JSON.stringify(h.list("Pod")[0], null, 1));
  h.apply(deployment("web", "nginx:broken", 3));
  show("v2");
  h.advance(1000); show("v2+1s");
  h.advance(1000); show("v2+2s");
  console.log(JSON.stringify(h.list("Pod").map(p=>[meta(p)["name"], (status(p)["containerStatuses"] as any)?.[0]?.state])));
  console.log(JSON.stringify(h.list("Event").map(e=>[e["reason"], e["count"], e["message"]])));
  h.advance(600_000); show("v2+602s");
  console.log(JSON.stringify(h.list("Event").map(e=>[e["reason"], e["count"], e["firstTimestamp"], e["lastTimestamp"]])));
  h.apply(deployment("web", "nginx:1.26", 3));
  show("v3");
  h.advance(1000); show("v3+1s");
  console.log(h.list("ReplicaSet").map((r) => [meta(r)["name"], JSON.stringify((r["spec"] as any).replicas), JSON.stringify(status(r))]));
});
