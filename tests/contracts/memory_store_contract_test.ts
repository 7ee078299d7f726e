import { fixedClock } from "../../src/shared/mod.ts";
import { FileMemoryStore, InMemoryMemoryStore } from "../../src/memory/mod.ts";
import { memoryStoreContract } from "./memory_store_contract.ts";

memoryStoreContract("InMemoryMemoryStore", (options) =>
  Promise.resolve({
    store: new InMemoryMemoryStore(options),
    [Symbol.asyncDispose]: () => Promise.resolve(),
  }));

memoryStoreContract("FileMemoryStore", async (options) => {
  const dir = await Deno.makeTempDir({ prefix: "nopea-contract-" });
  return {
    store: new FileMemoryStore(`${dir}/.nopea`, {
      clock: fixedClock(),
      durable: false,
      snapshotEvery: 2048,
      ...options,
    }),
    [Symbol.asyncDispose]: () => Deno.remove(dir, { recursive: true }),
  };
});
