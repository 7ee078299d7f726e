/** Helpers of bench/deploy_vs_kubectl.ts: generated manifests, timed commands, statistics. */
import { stringify } from "yaml";

/** `count` objects: 40% ConfigMaps, 30% Services, 30% Deployments (one replica each). */
export function objects(count: number): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, i) => {
    const name = `app-${i}`;
    const labels = { app: name };
    if (i % 10 < 4) {
      const data = { index: String(i), text: "x".repeat(64) };
      return { apiVersion: "v1", kind: "ConfigMap", metadata: { name }, data };
    }
    if (i % 10 < 7) {
      const spec = { selector: labels, ports: [{ port: 80, targetPort: 8080 }] };
      return { apiVersion: "v1", kind: "Service", metadata: { name }, spec };
    }
    const containers = [{ name: "app", image: `example/${name}:1.0` }];
    const spec = {
      replicas: 1,
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers } },
    };
    return { apiVersion: "apps/v1", kind: "Deployment", metadata: { name }, spec };
  });
}

/** Writes the objects as one file each into a new directory `dir`. */
export async function writeManifests(dir: string, count: number): Promise<string> {
  await Deno.mkdir(dir, { recursive: true });
  for (const [i, obj] of objects(count).entries()) {
    await Deno.writeTextFile(`${dir}/${String(i).padStart(5, "0")}.yaml`, stringify(obj));
  }
  return dir;
}

/** How long a command took, and its peak resident memory when `/usr/bin/time` can tell. */
export interface Timed {
  ms: number;
  peakRssMb?: number;
}

const TIME = "/usr/bin/time";

async function hasTime(): Promise<boolean> {
  return await Deno.stat(TIME).then(() => true, () => false);
}

/** Runs `cmd args` to completion (it must succeed), timed; with its peak RSS when `rss`. */
export async function timed(cmd: string, args: string[], rss = false): Promise<Timed> {
  const rssFile = rss && await hasTime() ? await Deno.makeTempFile() : undefined;
  const [program, argv] = rssFile ? [TIME, ["-f", "%M", "-o", rssFile, cmd, ...args]] : [cmd, args];
  const start = performance.now();
  const out = await new Deno.Command(program, {
    args: argv,
    stdout: "null",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).output();
  const ms = performance.now() - start;
  if (!out.success) {
    const err = new TextDecoder().decode(out.stderr).slice(0, 2000);
    throw new Error(`${cmd} ${args.slice(0, 4).join(" ")} failed: ${err}`);
  }
  if (!rssFile) return { ms };
  const kb = Number((await Deno.readTextFile(rssFile)).trim().split("\n").at(-1));
  await Deno.remove(rssFile);
  return { ms, peakRssMb: kb / 1024 };
}

/** `min / median / max` of the values, each with `digits` decimals. */
export function spread(values: readonly number[], digits = 2): string {
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted.length % 2
    ? sorted[(sorted.length - 1) / 2]!
    : (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2;
  return [sorted[0]!, median, sorted.at(-1)!].map((v) => v.toFixed(digits)).join(" / ");
}

/** Runs `apply` for `count` items with `concurrency` in flight; items per second. */
export async function throughput(
  count: number,
  concurrency: number,
  apply: (i: number) => Promise<unknown>,
): Promise<number> {
  const start = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < count) await apply(next++);
  }));
  return count / ((performance.now() - start) / 1000);
}
