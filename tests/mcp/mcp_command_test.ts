import { equal, match } from "node:assert/strict";
import { bufferedIo, runCli } from "../../src/cli/mod.ts";

Deno.test("nopea mcp refuses unknown tool names with exit code 2 before serving", async (t) => {
  const cases = [
    {
      name: "--tools",
      args: ["--tools", "nopea_context,nopea_depoly"],
      err: /"nopea_depoly" in --tools/,
    },
    { name: "--deny-tools", args: ["--deny-tools", "rollbak"], err: /"rollbak" in --deny-tools/ },
  ];
  for (const c of cases) {
    await t.step(c.name, async () => {
      const io = bufferedIo();
      equal(await runCli(["mcp", ...c.args], io), 2);
      match(io.err(), c.err);
      match(io.err(), /Known tools: nopea_context/);
      equal(io.out(), "");
    });
  }
});

Deno.test("nopea mcp --help documents the selection flags", async () => {
  const io = bufferedIo();
  equal(await runCli(["mcp", "--help"], io), 0);
  match(
    io.out(),
    /--read-only[\s\S]*--tools <names>[\s\S]*--deny-tools <names>[\s\S]*--kubeconfig/,
  );
});
