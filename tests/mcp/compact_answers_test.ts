/** Answers fit an assistant's context: Online Boutique with one change, diff and plan ≤ 20 KB. */
import { deepEqual, equal, match, ok } from "node:assert/strict";
import { errorBody, mcpHarness } from "./_harness.ts";

const BOUTIQUE = new URL("../fixtures/real-world/online-boutique.yaml", import.meta.url);
const NAMESPACE = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: boutique\n---\n";
const BUDGET = 20 * 1024;
const FRONTEND = "microservices-demo/frontend:v0.10.6";

type Json = Record<string, unknown>;

/** Online Boutique deployed (through the engine), and its manifests with one image changed. */
async function deployedBoutique() {
  const h = await mcpHarness();
  const manifests = NAMESPACE + await Deno.readTextFile(BOUTIQUE);
  const first = await h.engine.deploy({ service: "boutique", namespace: "boutique", manifests });
  equal(first.status, "completed");
  const changed = manifests.replace(FRONTEND, "microservices-demo/frontend:v0.10.7");
  return { h, manifests, changed };
}

Deno.test("an MCP diff of Online Boutique with one change lists only the changed field, ≤ 20 KB", async () => {
  const { h, changed } = await deployedBoutique();
  await using _ = h;
  const result = await h.call("nopea_diff", {
    service: "boutique",
    namespace: "boutique",
    manifests: changed,
  });
  const size = JSON.stringify(result).length;
  ok(size <= BUDGET, `${size} bytes`);
  const diff = result.structuredContent as Json;
  const entries = diff["entries"] as Json[];
  deepEqual(entries.map((e) => [e["key"], e["action"]]), [[
    "Deployment.apps/boutique/frontend",
    "configure",
  ]]);
  deepEqual(entries[0]?.["changes"], [{
    path: "spec.template.spec.containers[0].image",
    from: `us-central1-docker.pkg.dev/online-boutique-ci/${FRONTEND}`,
    to: "us-central1-docker.pkg.dev/online-boutique-ci/microservices-demo/frontend:v0.10.7",
  }]);
  ok((diff["unchanged"] as number) > 20);
  equal(diff["changes"], 1);
  ok(!JSON.stringify(result).includes("managedFields"));
});

Deno.test("an unconfirmed MCP deploy of Online Boutique answers a plan ≤ 20 KB", async () => {
  const { h, changed } = await deployedBoutique();
  await using _ = h;
  const result = await h.call("nopea_deploy", {
    service: "boutique",
    namespace: "boutique",
    manifests: changed,
  });
  const size = JSON.stringify(result).length;
  ok(size <= BUDGET, `${size} bytes`);
  const output = result.structuredContent as Json;
  equal(output["confirmation"], "required");
  match(JSON.stringify(result.content), /1 of 36 objects would change/);
});

Deno.test("a diff beyond its size budget is paged: each object once, in order", async () => {
  const { h, manifests } = await deployedBoutique();
  await using _ = h;
  const input = {
    service: "boutique",
    namespace: "boutique",
    manifests,
    showUnchanged: true,
    maxBytes: 1500,
  };
  const keys: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const result = await h.call("nopea_diff", { ...input, ...(cursor ? { cursor } : {}) });
    const page = result.structuredContent as Json;
    keys.push(...(page["entries"] as Json[]).map((e) => String(e["key"])));
    cursor = page["nextCursor"] as string | undefined;
    pages++;
  } while (cursor !== undefined && pages < 100);
  ok(pages > 1, `${pages} pages`);
  const all = await h.call("nopea_diff", { ...input, maxBytes: 0 });
  deepEqual(
    keys,
    ((all.structuredContent as Json)["entries"] as Json[]).map((e) => String(e["key"])),
  );
  const bad = await h.call("nopea_diff", { ...input, cursor: "x" });
  equal(bad.isError, true);
  match(errorBody(bad).message, /Invalid cursor "x"/);
});
