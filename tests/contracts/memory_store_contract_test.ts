import { fixedClock } from "../../src/shared/mod.ts";
import { FileMemoryStore, InMemoryMemoryStore, type StateOptions } from "../../src/memory/mod.ts";
import { memoryStoreContract, type StoreUnderTest } from "./memory_store_contract.ts";
import { memoryStoreCompactionContract } from "./memory_store_contract_compaction.ts";

function inMemory(options: StateOptions): Promise<StoreUnderTest> {
  return Promise.resolve({
    store: new InMemoryMemoryStore(options),
    [Symbol.asyncDispose]: () => Promise.resolve(),
  });
}

async function onDisk(options: StateOptions): Promise<StoreUnderTest> {
  const dir = await Deno.makeTempDir({ prefix: "nopea-contract-" });
  return {
    store: new FileMemoryStore(`${dir}/.nopea`, {
      clock: fixedClock(),
      durable: false,
      ...options,
    }),
    [Symbol.asyncDispose]: () => Deno.remove(dir, { recursive: true }),
  };
}

memoryStoreContract("InMemoryMemoryStore", inMemory);
memoryStoreContract("FileMemoryStore", onDisk);
memoryStoreCompactionContract("InMemoryMemoryStore", inMemory);
memoryStoreCompactionContract("FileMemoryStore", onDisk);
