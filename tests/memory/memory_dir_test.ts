import { equal } from "node:assert/strict";
import { type MemoryDirSources, resolveMemoryDir } from "../../src/memory/mod.ts";

Deno.test("resolveMemoryDir() prefers the flag, then NOPEA_MEMORY_DIR, then .nopea", async (t) => {
  const cases: { name: string; sources: MemoryDirSources; expected: string }[] = [
    { name: "default", sources: { cwd: "/repo" }, expected: "/repo/.nopea" },
    {
      name: "environment",
      sources: { env: "/var/lib/nopea", cwd: "/repo" },
      expected: "/var/lib/nopea",
    },
    { name: "relative environment", sources: { env: "mem", cwd: "/repo" }, expected: "/repo/mem" },
    {
      name: "flag over environment",
      sources: { flag: "/tmp/m", env: "/var/lib/nopea", cwd: "/repo" },
      expected: "/tmp/m",
    },
    { name: "relative flag", sources: { flag: "./state/../m", cwd: "/repo" }, expected: "/repo/m" },
    { name: "empty flag ignored", sources: { flag: " ", env: "/e", cwd: "/repo" }, expected: "/e" },
  ];
  for (const c of cases) await t.step(c.name, () => equal(resolveMemoryDir(c.sources), c.expected));
});
