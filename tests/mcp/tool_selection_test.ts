/** Tool selections that contradict themselves or leave no tool are refused, never served empty. */
import { deepEqual, equal, match, throws } from "node:assert/strict";
import { bufferedIo, runCli } from "../../src/cli/mod.ts";
import { selectOperations, type ToolSelection } from "../../src/mcp/mod.ts";
import { isNopeaError } from "../../src/shared/mod.ts";
import { OPERATIONS } from "../../src/surface/mod.ts";

const CLI = new URL("../../cli.ts", import.meta.url).pathname;
const CONFIG = new URL("../../deno.json", import.meta.url).pathname;

const READ_ONLY = OPERATIONS.filter((op) => op.hints.readOnly).map((op) => op.name as string);

const REFUSED: { name: string; selection: ToolSelection; args: string[]; why: RegExp }[] = [
  {
    name: "--read-only --tools deploy",
    selection: { readOnly: true, tools: ["deploy"] },
    args: ["--read-only", "--tools", "deploy"],
    why:
      /"nopea_deploy" in --tools changes things, and --read-only serves only tools that change nothing/,
  },
  {
    name: "--read-only with one destructive tool among read-only ones",
    selection: { readOnly: true, tools: ["context", "nopea_rollback"] },
    args: ["--read-only", "--tools", "context,nopea_rollback"],
    why: /"nopea_rollback" in --tools changes things/,
  },
  {
    name: "a tool both allowed and denied",
    selection: { tools: ["context", "diff"], denyTools: ["diff"] },
    args: ["--tools", "context,diff", "--deny-tools", "diff"],
    why: /"nopea_diff" is in both --tools and --deny-tools/,
  },
  {
    name: "an empty --tools",
    selection: { tools: [] },
    args: ["--tools", ""],
    why: /--tools "" leaves no tool to serve/,
  },
  {
    name: "--read-only denying every read-only tool",
    selection: { readOnly: true, denyTools: READ_ONLY },
    args: ["--read-only", "--deny-tools", READ_ONLY.join(",")],
    why: /--read-only --deny-tools "[a-z_,]+" leaves no tool to serve/,
  },
  {
    name: "an unknown tool",
    selection: { tools: ["nopea_depoly"] },
    args: ["--tools", "nopea_depoly"],
    why: /unknown tool "nopea_depoly" in --tools/,
  },
];

Deno.test("selectOperations() refuses a selection that contradicts itself or leaves no tool", async (t) => {
  for (const c of REFUSED) {
    await t.step(c.name, () => {
      throws(
        () => selectOperations(c.selection),
        (e) => isNopeaError(e) && e.code === "SPEC_INVALID" && c.why.test(e.message),
      );
    });
  }
  await t.step("a consistent selection serves what it names", () => {
    const ops = selectOperations({ readOnly: true, tools: ["context", "nopea_diff"] });
    deepEqual(ops.map((op) => op.name), ["context", "diff"]);
  });
});

Deno.test("nopea mcp exits 2 before serving when the selection leaves or refuses a tool", async (t) => {
  for (const c of REFUSED) {
    await t.step(c.name, async () => {
      const io = bufferedIo();
      equal(await runCli(["mcp", ...c.args], io), 2);
      match(io.err(), /^Error \[SPEC_INVALID\]: Cannot select tools: /m);
      match(io.err(), c.why);
      match(io.err(), /^Hint: /m);
      equal(io.out(), "");
    });
  }
});

Deno.test("nopea mcp --read-only --tools deploy as a subprocess exits 2 and writes no protocol", async () => {
  const dir = await Deno.makeTempDir({ prefix: "nopea-mcp-select-" });
  try {
    const denoDir = Deno.env.get("DENO_DIR");
    const output = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-q", "-A", "--config", CONFIG, CLI, "mcp", "--read-only", "--tools", "deploy"],
      cwd: dir,
      env: {
        NO_COLOR: "1",
        NOPEA_MEMORY_DIR: `${dir}/.nopea`,
        ...(denoDir ? { DENO_DIR: denoDir } : {}),
      },
      stdin: "null",
    }).output();
    const stderr = new TextDecoder().decode(output.stderr);
    equal(output.code, 2, stderr);
    match(stderr, /"nopea_deploy" in --tools changes things, and --read-only serves only/);
    equal(output.stdout.length, 0);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
