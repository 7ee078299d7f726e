import { deepEqual, equal, ok } from "node:assert/strict";
import { dirname, join } from "node:path";
import { type Case, CASES } from "../fixtures/bad_input/cases.ts";
import { type CliWorld, cliWorld } from "../_cli.ts";

/** The kinds whose objects the corpus could create; none may appear. */
const WATCHED: [string, string][] = [
  ["v1", "ConfigMap"],
  ["v1", "Secret"],
  ["v1", "Service"],
  ["v1", "Namespace"],
  ["v1", "Pod"],
  ["apps/v1", "Deployment"],
  ["batch/v1", "CronJob"],
  ["batch/v1", "Job"],
];

/** Every watched object as `Kind namespace/name`, sorted. */
async function snapshot(world: CliWorld): Promise<string[]> {
  const names: string[] = [];
  for (const [apiVersion, kind] of WATCHED) {
    for (const o of await world.sandbox.cluster.list(apiVersion, kind)) {
      names.push(`${kind} ${o.metadata.namespace ?? ""}/${o.metadata.name}`);
    }
  }
  return names.sort();
}

/** Writes the files of a case into `dir`: texts, bytes and symbolic links. */
async function lay(dir: string, c: Case): Promise<void> {
  for (const [path, file] of Object.entries(c.files)) {
    const full = join(dir, path);
    await Deno.mkdir(dirname(full), { recursive: true });
    if (typeof file === "string") await Deno.writeTextFile(full, file);
    else if (file instanceof Uint8Array) await Deno.writeFile(full, file);
    else await Deno.symlink(file.link, full);
  }
}

/** `nopea deploy` must refuse the case: exit 2, the file named, no stack trace, nothing done. */
async function assertRefused(world: CliWorld, c: Case, i: number, before: string[]) {
  const dir = join(world.dir, `case-${i}`);
  await lay(dir, c);
  const target = join(dir, c.target ?? Object.keys(c.files)[0]!);
  const { code, io } = await world.run(["deploy", "-f", target, "-s", "web"]);
  const err = io.err();
  equal(code, 2, `exit code\n${io.out()}${err}`);
  ok(err.includes(target), `stderr names ${target}:\n${err}`);
  if (c.names !== undefined) ok(err.includes(join(dir, c.names)), `names ${c.names}:\n${err}`);
  ok(!/^\s+at /m.test(err) && !err.includes("INTERNAL"), `no stack trace:\n${err}`);
  for (const [apiVersion, kind, name] of c.valid ?? []) {
    const found = await world.sandbox.cluster.list(apiVersion, kind);
    deepEqual(found.filter((o) => o.metadata.name === name), [], `${kind} ${name} not applied`);
  }
  deepEqual(await snapshot(world), before, "nothing applied");
  const history = await world.run(["history", "web", "-o", "json"]);
  deepEqual(JSON.parse(history.io.out()), { deploys: [] }, "nothing learned");
}

Deno.test("nopea deploy refuses every case of the bad-input corpus and changes nothing", async (t) => {
  equal(CASES.length >= 100, true, `${CASES.length} cases`);
  equal(new Set(CASES.map((c) => c.name)).size, CASES.length, "case names are unique");
  await using world = await cliWorld();
  const before = await snapshot(world);
  for (const [i, c] of CASES.entries()) {
    await t.step(c.name, () => assertRefused(world, c, i, before));
  }
  const services = await world.run(["services", "-o", "json"]);
  deepEqual(JSON.parse(services.io.out()), { services: [] }, "no service was learned");
});
