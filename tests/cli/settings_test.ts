/** Bad settings stop every command before it does anything: exit 2, naming the flag or variable. */
import { equal, match } from "node:assert/strict";
import { bufferedIo, runCli } from "../../src/cli/mod.ts";

const CASES: { name: string; args: string[]; env?: Record<string, string>; err: RegExp }[] = [
  {
    name: "NOPEA_CANARY_THRESHOLD above 1, on a memory-only command",
    args: ["context", "web"],
    env: { NOPEA_CANARY_THRESHOLD: "1.5" },
    err: /NOPEA_CANARY_THRESHOLD "1\.5": expected a number from 0 to 1/,
  },
  {
    name: "--canary-threshold that is not a number",
    args: ["explain", "web", "--canary-threshold", "high"],
    err: /--canary-threshold "high": expected a number from 0 to 1/,
  },
  {
    name: "--canary-threshold on deploy, before any manifest is read",
    args: ["deploy", "-f", "missing.yaml", "-s", "web", "--canary-threshold", "2"],
    err: /--canary-threshold "2"/,
  },
  {
    name: "NOPEA_TIMEOUT that is not a duration",
    args: ["deploy", "-f", "missing.yaml", "-s", "web"],
    env: { NOPEA_TIMEOUT: "soon" },
    err: /NOPEA_TIMEOUT "soon": expected a duration longer than 0s/,
  },
  {
    name: "--timeout 0s",
    args: ["deploy", "-f", "missing.yaml", "-s", "web", "--timeout", "0s"],
    err: /--timeout "0s": expected a duration longer than 0s/,
  },
  {
    name: "--tolerance that is not a duration",
    args: ["deploy", "-f", "missing.yaml", "-s", "web", "--tolerance", "a while"],
    err: /--tolerance "a while": expected a duration of 0s or more/,
  },
  {
    name: "NOPEA_APPLY_CONCURRENCY of 0",
    args: ["history", "web"],
    env: { NOPEA_APPLY_CONCURRENCY: "0" },
    err: /NOPEA_APPLY_CONCURRENCY "0": expected a whole number from 1 to 256/,
  },
  {
    name: "NOPEA_CDEVENTS_URL that is not http",
    args: ["services"],
    env: { NOPEA_CDEVENTS_URL: "ftp://events.example" },
    err: /NOPEA_CDEVENTS_URL "ftp:\/\/events\.example": expected an http or https URL/,
  },
  {
    name: "NOPEA_LOCK_IDENTITY with a space, on unlock",
    args: ["unlock", "web"],
    env: { NOPEA_LOCK_IDENTITY: "my laptop" },
    err: /NOPEA_LOCK_IDENTITY "my laptop"/,
  },
  {
    name: "nopea mcp, before serving",
    args: ["mcp"],
    env: { NOPEA_CANARY_THRESHOLD: "-1" },
    err: /NOPEA_CANARY_THRESHOLD "-1"/,
  },
  {
    name: "nopea serve, before listening",
    args: ["serve", "--port", "0"],
    env: { NOPEA_TIMEOUT: "forever" },
    err: /NOPEA_TIMEOUT "forever"/,
  },
];

Deno.test("bad settings exit 2 with the flag or variable and what it accepts", async (t) => {
  const dir = await Deno.makeTempDir({ prefix: "nopea-settings-" });
  try {
    for (const c of CASES) {
      await t.step(c.name, async () => {
        // No kubeconfig anywhere: a settings error must come before anything reads one.
        const env = { HOME: dir, NOPEA_MEMORY_DIR: `${dir}/.nopea`, ...c.env };
        const io = bufferedIo({ cwd: dir, env });
        equal(await runCli(c.args, io), 2, io.out() + io.err());
        match(io.err(), /^Error \[SPEC_INVALID\]: Invalid /m);
        match(io.err(), c.err);
        match(io.err(), /^Hint: Set /m);
        equal(io.out(), "");
      });
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("memory-only commands need no kubeconfig: the namespace defaults to default", async () => {
  const dir = await Deno.makeTempDir({ prefix: "nopea-settings-" });
  try {
    const io = bufferedIo({ cwd: dir, env: { HOME: dir } });
    equal(await runCli(["context", "web", "-o", "json"], io), 0, io.err());
    equal(JSON.parse(io.out()).namespace, "default");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
