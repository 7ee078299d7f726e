/** `nopea completion` and the Examples of `--help`. */
import { equal, match, ok } from "node:assert/strict";
import { bufferedIo, runCli } from "../../src/cli/mod.ts";

async function cli(args: string[]): Promise<{ code: number; out: string }> {
  const io = bufferedIo();
  const code = await runCli(args, io);
  return { code, out: io.out() };
}

Deno.test("nopea completion prints a script for bash, zsh and fish naming every command", async (t) => {
  for (
    const [shell, head] of [["bash", /complete -o default -F _nopea nopea/], [
      "zsh",
      /^#compdef nopea/,
    ], ["fish", /complete -c nopea -f/]] as const
  ) {
    await t.step(shell, async () => {
      const { code, out } = await cli(["completion", shell]);
      equal(code, 0);
      match(out, head);
      for (const command of ["deploy", "rollback", "delete", "memory"]) {
        ok(out.includes(command), command);
      }
      ok(out.includes("create-namespace"), "options of deploy");
    });
  }
  await t.step("the bash script parses", async () => {
    const { out } = await cli(["completion", "bash"]);
    const check = await new Deno.Command("bash", { args: ["-n"], stdin: "piped" }).spawn();
    const writer = check.stdin.getWriter();
    await writer.write(new TextEncoder().encode(out));
    await writer.close();
    equal((await check.status).code, 0);
  });
  await t.step("an unknown shell is a usage error", async () => {
    equal((await cli(["completion", "tcsh"])).code, 2);
  });
});

Deno.test("--help of a command ends with examples", async () => {
  const { code, out } = await cli(["deploy", "--help"]);
  equal(code, 0);
  match(out, /Examples:\n {2}\$ nopea deploy -f k8s\/ -s web/);
});
