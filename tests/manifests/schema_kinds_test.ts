import { deepEqual, equal, rejects } from "node:assert/strict";
import { loadSchemaModule, SCHEMA_KINDS } from "../../src/manifests/mod.ts";
import { SCHEMA_MODULES } from "../../src/manifests/schema_table.ts";

Deno.test("the kinds with a schema check are the kinds of the table of model modules", () => {
  deepEqual([...SCHEMA_KINDS].sort(), Object.keys(SCHEMA_MODULES).sort());
});

Deno.test("a kind's model module is loaded by its key, and an unknown key is refused", async () => {
  equal(typeof (await loadSchemaModule("batch/v1/CronJob"))["CronJob"], "function");
  await rejects(loadSchemaModule("example.com/v1/Widget"), /No schema module for example\.com/);
});
