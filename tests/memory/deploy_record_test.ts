import { equal, throws } from "node:assert/strict";
import { isNopeaError } from "../../src/shared/mod.ts";
import { parseDeployRecord } from "../../src/memory/mod.ts";
import { buildRecord } from "./_factory.ts";

Deno.test("parseDeployRecord() accepts a record and names the first bad field", async (t) => {
  await t.step("a full record", () => {
    const r = buildRecord();
    equal(parseDeployRecord(JSON.parse(JSON.stringify(r))).deployId, r.deployId);
  });
  const bad: { name: string; value: unknown; field: string }[] = [
    { name: "not an object", value: [], field: "record" },
    { name: "no service", value: { ...buildRecord(), service: undefined }, field: "service" },
    { name: "unknown strategy", value: { ...buildRecord(), strategy: "yolo" }, field: "strategy" },
    { name: "unknown status", value: { ...buildRecord(), status: "done" }, field: "status" },
    {
      name: "bad finishedAt",
      value: { ...buildRecord(), finishedAt: "yesterday" },
      field: "finishedAt",
    },
    { name: "images not strings", value: { ...buildRecord(), images: [1] }, field: "images" },
    {
      name: "error without code",
      value: { ...buildRecord(), error: { message: "x" } },
      field: "error.code",
    },
  ];
  for (const c of bad) {
    await t.step(c.name, () => {
      throws(
        () => parseDeployRecord(c.value, "in a test"),
        (e) => isNopeaError(e) && e.code === "MEMORY_CORRUPT" && e.message.includes(`"${c.field}"`),
      );
    });
  }
});
