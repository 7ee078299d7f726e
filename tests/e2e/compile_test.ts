/**
 * The compiled binary (`deno task compile`). Compiling downloads Deno's runtime (`denort`) unless
 * DENORT_BIN points at one, so this runs only when DENORT_BIN is set and says so otherwise.
 */
import { equal, match } from "node:assert/strict";

const DENORT = Deno.env.get("DENORT_BIN");
const ROOT = new URL("../../", import.meta.url).pathname;
/** The `compile` task's flags (deno.json), never -A. */
const COMPILE_FLAGS =
  (JSON.parse(await Deno.readTextFile(`${ROOT}deno.json`)).tasks.compile as string)
    .split(" ").filter((a) => a.startsWith("compile") || a.startsWith("--") || a.startsWith("'--"))
    .filter((a) => a !== "--output").map((a) => a.replaceAll("'", ""));

Deno.test({
  name: `deno compile builds a nopea binary that runs${
    DENORT ? "" : " (skipped: set DENORT_BIN to a denort runtime to run it)"
  }`,
  ignore: !DENORT,
  fn: async () => {
    const dir = await Deno.makeTempDir({ prefix: "nopea-compile-" });
    try {
      const bin = `${dir}/nopea`;
      const built = await new Deno.Command(Deno.execPath(), {
        args: [...COMPILE_FLAGS, "--output", bin, `${ROOT}cli.ts`],
        cwd: ROOT,
        stdout: "piped",
        stderr: "piped",
      }).output();
      equal(built.code, 0, new TextDecoder().decode(built.stderr));
      const version = await new Deno.Command(bin, { args: ["version"], stdout: "piped" }).output();
      equal(version.code, 0);
      match(new TextDecoder().decode(version.stdout), /^nopea \d+\.\d+\.\d+/);
      const usage = await new Deno.Command(bin, { args: ["deploy"], stderr: "piped" }).output();
      equal(usage.code, 2, "a usage error exits 2");
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
