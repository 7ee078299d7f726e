/**
 * The `nopea` executable: `deno run -A cli.ts <command>` or the compiled binary.
 * The only place in Nopea that ends the process.
 * @module
 */
import { runCli } from "./src/cli/mod.ts";
import { realIo } from "./src/cli/real_io.ts";

if (import.meta.main) {
  const code = await runCli(Deno.args, realIo());
  Deno.exit(code);
}
