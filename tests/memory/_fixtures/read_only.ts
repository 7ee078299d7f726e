/** Test fixture: run with read permission only; loads memory and checks it is writable, prints JSON. */
import { isNopeaError, lineLogger, systemClock } from "../../../src/shared/mod.ts";
import { createMemory, FileMemoryStore } from "../../../src/memory/mod.ts";

const [dir = ".nopea"] = Deno.args;
const log = lineLogger((line) => console.error(line), { min: "warn" });
const memory = createMemory(new FileMemoryStore(dir, { clock: systemClock, log }), {
  clock: systemClock,
});
const stats = await memory.stats();
const history = await memory.history("api");
const writable = await memory.checkWritable().then(
  () => "writable",
  (e) => (isNopeaError(e) ? `${e.code}: ${e.message}` : String(e)),
);
console.log(JSON.stringify({ occurrences: stats.occurrences, history: history.length, writable }));
