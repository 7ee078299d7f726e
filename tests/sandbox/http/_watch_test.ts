import { deepEqual, equal, ok } from "node:assert/strict";
import type { ListQuery, RequestScope, WireWatchEvent } from "../../../src/sandbox/api_types.ts";
import type { JsonObject } from "../../../src/sandbox/types.ts";
import { FakeApi } from "./_fake_api.ts";
import { readEvents, startHarness } from "./_harness.ts";

const scope: RequestScope = { group: "", version: "v1", plural: "configmaps", namespace: "shop" };
const cm = (name: string, data: JsonObject = {}) => ({
  apiVersion: "v1",
  kind: "ConfigMap",
  metadata: { name },
  data,
});
const nameOf = (e: Record<string, unknown>) =>
  ((e.object as JsonObject).metadata as JsonObject).name;

/** A FakeApi whose watches resolve `stopped` when the HTTP door unsubscribes. */
class TrackedApi extends FakeApi {
  stopped = Promise.withResolvers<void>();
  preamble: WireWatchEvent[] = [];
  override watch(s: RequestScope, q: ListQuery, onEvent: (e: WireWatchEvent) => void): () => void {
    this.preamble.forEach(onEvent);
    const stop = super.watch(s, q, onEvent);
    return () => {
      stop();
      this.stopped.resolve();
    };
  }
}

Deno.test("watch streams current objects, then every change, as newline-delimited JSON", async () => {
  await using h = await startHarness();
  h.api.create(scope, cm("a"));
  const res = await h.request("/api/v1/namespaces/shop/configmaps?watch=true");
  equal(res.headers.get("content-type"), "application/json");
  const reader = res.body!.getReader();
  const state = { buffer: "" };
  deepEqual((await readEvents(reader, 1, state)).map((e) => [e.type, nameOf(e)]), [["ADDED", "a"]]);
  h.api.create(scope, cm("b"));
  h.api.replace({ ...scope, name: "b" }, cm("b", { x: "1" }));
  h.api.delete({ ...scope, name: "a" });
  const events = await readEvents(reader, 3, state);
  deepEqual(events.map((e) => [e.type, nameOf(e)]), [["ADDED", "b"], ["MODIFIED", "b"], [
    "DELETED",
    "a",
  ]]);
  await reader.cancel();
});

Deno.test("watch uses chunked transfer encoding on HTTP/1.1", async () => {
  await using h = await startHarness();
  const client = Deno.createHttpClient({ caCerts: [h.server.caPem], http2: false });
  const res = await fetch(`${h.server.url}/api/v1/namespaces/shop/configmaps?watch=1`, {
    headers: { authorization: `Bearer ${h.server.token}` },
    client,
  });
  equal(res.headers.get("transfer-encoding"), "chunked");
  await res.body?.cancel();
  client.close();
});

Deno.test("watch unsubscribes when the client goes away", async () => {
  await using h = await startHarness({ api: new TrackedApi() });
  const controller = new AbortController();
  const res = await h.request("/api/v1/namespaces/shop/configmaps?watch=true&resourceVersion=5", {
    signal: controller.signal,
  });
  equal(res.status, 200);
  controller.abort();
  await h.api.stopped.promise;
  equal(h.api.watchers.size, 0);
});

Deno.test("watch ends after timeoutSeconds and unsubscribes", async () => {
  await using h = await startHarness({ api: new TrackedApi() });
  const res = await h.request(
    "/api/v1/namespaces/shop/configmaps?watch=true&timeoutSeconds=1&resourceVersion=5",
  );
  equal(await res.text(), "");
  await h.api.stopped.promise;
});

Deno.test("watch from a too old resourceVersion sends one ERROR event with a 410 Status", async () => {
  await using h = await startHarness();
  const res = await h.request("/api/v1/namespaces/shop/configmaps?watch=true&resourceVersion=1");
  equal(res.status, 200);
  const lines = (await res.text()).trim().split("\n").map((l) => JSON.parse(l));
  equal(lines.length, 1);
  equal(lines[0].type, "ERROR");
  deepEqual([lines[0].object.kind, lines[0].object.code, lines[0].object.reason], [
    "Status",
    410,
    "Expired",
  ]);
});

Deno.test("watch sends BOOKMARK events only when the client allows them", async (t) => {
  await t.step("periodic bookmarks carry the last resourceVersion", async () => {
    await using h = await startHarness({ bookmarkIntervalMs: 10 });
    const res = await h.request(
      "/api/v1/namespaces/shop/configmaps?watch=1&resourceVersion=12&allowWatchBookmarks=true",
    );
    const reader = res.body!.getReader();
    const [event] = await readEvents(reader, 1);
    deepEqual(event, {
      type: "BOOKMARK",
      object: { kind: "ConfigMap", apiVersion: "v1", metadata: { resourceVersion: "12" } },
    });
    await reader.cancel();
  });
  await t.step("bookmarks from the API are filtered out otherwise", async () => {
    const api = new TrackedApi();
    api.preamble = [{ type: "BOOKMARK", object: { metadata: { resourceVersion: "3" } } }];
    api.create(scope, cm("a"));
    await using h = await startHarness({ api, bookmarkIntervalMs: 10 });
    const res = await h.request("/api/v1/namespaces/shop/configmaps?watch=1");
    const reader = res.body!.getReader();
    const [event] = await readEvents(reader, 1);
    equal(event?.type, "ADDED");
    await reader.cancel();
  });
});

Deno.test("watch with a Table Accept header streams one-row Tables", async () => {
  await using h = await startHarness();
  h.api.create(scope, cm("a"));
  h.api.create(scope, cm("b"));
  const res = await h.request("/api/v1/namespaces/shop/configmaps?watch=1", {
    headers: { accept: "application/json;as=Table;v=v1;g=meta.k8s.io,application/json" },
  });
  const reader = res.body!.getReader();
  const [first, second] = await readEvents(reader, 2);
  const t1 = first?.object as JsonObject, t2 = second?.object as JsonObject;
  deepEqual([t1.kind, (t1.rows as JsonObject[]).length], ["Table", 1]);
  ok(Array.isArray(t1.columnDefinitions));
  equal(t2.columnDefinitions, undefined);
  await reader.cancel();
});
