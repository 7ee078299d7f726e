/** Test fixture: records deploys into a memory directory in a loop and prints each recorded deployId. */
import { systemClock, ulidSource } from "../../../src/shared/mod.ts";
import { createMemory, FileMemoryStore } from "../../../src/memory/mod.ts";
import { buildRecord, failedRecord, manifestsWithSecret, SECRET_PLAIN } from "../_factory.ts";

const [
  dir = ".nopea",
  count = "50",
  worker = "w",
  compactEvery = "0",
  keep = "100",
  history = "50",
] = Deno.args;
const store = new FileMemoryStore(dir, {
  clock: systemClock,
  retention: 3,
  compactEvery: Number(compactEvery),
  keepPerService: Number(keep),
  historyLimit: Number(history),
});
const ids = ulidSource(systemClock);
const memory = createMemory(store, { clock: systemClock, ids });
const out = new TextEncoder();

for (let i = 0; i < Number(count); i++) {
  const now = new Date(systemClock.now()).toISOString();
  const base = { deployId: ids.next(), service: `svc-${i % 3}`, finishedAt: now };
  const record = i % 4 === 3
    ? failedRecord("CrashLoopBackOff", { ...base, warnings: [`leaked ${SECRET_PLAIN}`] })
    : buildRecord({ ...base, dependsOn: i % 2 ? ["svc-0"] : [] });
  const manifests = manifestsWithSecret();
  (manifests[0] as Record<string, unknown>)["spec"] = { replicas: i % 5, worker };
  await memory.record(record, { manifests });
  await Deno.stdout.write(out.encode(`${record.deployId}\n`));
}
