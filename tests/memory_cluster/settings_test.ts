import { equal, throws } from "node:assert/strict";
import { resolveSettings } from "../../src/wiring/mod.ts";

Deno.test("memoryStore: the option wins over NOPEA_MEMORY_STORE, which wins over file", () => {
  equal(resolveSettings({ env: {}, cwd: "/w" }).memoryStore, "file");
  const env = { NOPEA_MEMORY_STORE: "cluster" };
  equal(resolveSettings({ env, cwd: "/w" }).memoryStore, "cluster");
  equal(resolveSettings({ env, cwd: "/w", memoryStore: "file" }).memoryStore, "file");
  equal(resolveSettings({ env: { NOPEA_MEMORY_STORE: " " }, cwd: "/w" }).memoryStore, "file");
});

Deno.test("memoryStore: anything but file or cluster is refused, naming where it came from", () => {
  throws(
    () => resolveSettings({ env: {}, cwd: "/w", memoryStore: "etcd" }),
    /Invalid --memory-store "etcd": expected "file" or "cluster"/,
  );
  throws(
    () => resolveSettings({ env: { NOPEA_MEMORY_STORE: "Cluster" }, cwd: "/w" }),
    /Invalid NOPEA_MEMORY_STORE "Cluster"/,
  );
});
