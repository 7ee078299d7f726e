/** fieldChanges() and compactEntries(): the changed fields, named by path, and pages in budget. */
import { deepEqual, equal, throws } from "node:assert/strict";
import { compactEntries, fieldChanges } from "../../src/surface/_compact_diff.ts";

Deno.test("fieldChanges() names each changed field by its path", () => {
  const live = {
    metadata: { annotations: { "app.kubernetes.io/v": "1" } },
    spec: { ports: [{ port: 80 }, { port: 443 }], old: true },
  };
  const desired = {
    metadata: { annotations: { "app.kubernetes.io/v": "2" } },
    spec: { ports: [{ port: 8080 }, { port: 443 }], added: "x" },
  };
  deepEqual(fieldChanges(live, desired), [
    { path: 'metadata.annotations["app.kubernetes.io/v"]', from: "1", to: "2" },
    { path: "spec.added", to: "x" },
    { path: "spec.old", from: true },
    { path: "spec.ports[0].port", from: 80, to: 8080 },
  ]);
  deepEqual(fieldChanges({ a: [1] }, { a: [1, 2] }), [{ path: "a", from: [1], to: [1, 2] }]);
});

Deno.test("fieldChanges() cuts long values to a short excerpt with their length", () => {
  const [change] = fieldChanges({ data: { big: "x".repeat(5000) } }, { data: { big: "y" } });
  equal(typeof change?.from, "string");
  equal(String(change?.from).endsWith("… (5002 characters)"), true);
  equal(change?.to, "y");
});

Deno.test("compactEntries() leaves unchanged objects out, counts them, and pages by size", () => {
  const cm = (name: string) => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name } });
  const entries = ["a", "b", "c", "d"].map((name, i) => ({
    key: `ConfigMap/default/${name}`,
    action: i === 0 ? "unchanged" as const : "create" as const,
    desired: cm(name),
  }));
  const first = compactEntries(entries, { maxBytes: 100 });
  deepEqual(first.entries.map((e) => e.key), ["ConfigMap/default/b", "ConfigMap/default/c"]);
  deepEqual([first.unchanged, first.nextCursor], [1, "2"]);
  const rest = compactEntries(entries, { maxBytes: 100, cursor: first.nextCursor });
  deepEqual(rest.entries.map((e) => e.key), ["ConfigMap/default/d"]);
  equal(rest.nextCursor, undefined);
  equal(compactEntries(entries, { showUnchanged: true, maxBytes: 0 }).entries.length, 4);
  throws(() => compactEntries(entries, { cursor: "9" }), /Invalid cursor "9"/);
});
