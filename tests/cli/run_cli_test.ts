import { equal, match } from "node:assert/strict";
import { runCli } from "../../src/cli/mod.ts";
import { bufferedIo } from "../../src/cli/mod.ts";

Deno.test("runCli() exit codes for version, help and usage errors", async (t) => {
  const cases = [
    { name: "version prints the version", args: ["version"], code: 0, out: /nopea \d+\.\d+\.\d+/ },
    { name: "version as json", args: ["version", "--output", "json"], code: 0, out: /"nopea":/ },
    { name: "--help exits 0", args: ["--help"], code: 0, out: /Usage: nopea/ },
    {
      name: "an unknown command is a usage error",
      args: ["deplyo"],
      code: 2,
      err: /unknown command/,
    },
    {
      name: "an unknown option is a usage error",
      args: ["version", "--nope"],
      code: 2,
      err: /unknown option/,
    },
  ];
  for (const c of cases) {
    await t.step(c.name, async () => {
      const io = bufferedIo();
      equal(await runCli(c.args, io), c.code);
      if (c.out) match(io.out(), c.out);
      if (c.err) match(io.err(), c.err);
    });
  }
});
