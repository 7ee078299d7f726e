/** The flags of `nopea watch` and the source they describe. */
import { type Command, Option } from "@commander-js/extra-typings";
import { resolve } from "node:path";
import {
  checkNotifyUrl,
  gitAuthFromEnv,
  isRemote,
  type WatchSource,
  watchSourceOf,
} from "../../gitops/mod.ts";
import { NopeaError, parseDuration } from "../../shared/mod.ts";
import type { CommandContext } from "../commands.ts";

export const usage = (message: string, hint: string) =>
  new NopeaError("SPEC_INVALID", message, { hint });

/** Adds the flags that describe sources (`nopea watch`, `nopea serve --watch`). */
export function withSourceOptions(cmd: Command) {
  return cmd
    .option("--repo <url|path>", "http(s) URL or local path of the git repository")
    .option("-s, --service <name>", "the service the manifests make up (with --repo)")
    .option("--crds", "also watch the cluster's GitRepository objects (in -n, else everywhere)")
    .option("--branch <name>", "the branch followed", "main")
    .option("--path <dir>", "the folder of manifests in the repository (default: its root)")
    .option("-n, --namespace <ns>", "target namespace (with --crds: where GitRepositories are)")
    .option("--interval <duration>", "time between two polls and drift checks", "1m")
    .option("--name <name>", "the source's name: POST /webhook/<name> (default: the service)")
    .addOption(
      new Option("--strategy <strategy>", "rollout strategy (default: memory decides)")
        .choices(["direct", "canary", "blue_green"] as const),
    )
    .option("--timeout <duration>", "how long a deploy may take to become ready")
    .option("--atomic", "roll a failed deploy back to the last completed one by itself")
    .option("--create-namespace", "create the target namespace if the manifests do not hold it")
    .addOption(
      new Option("--heal-policy <policy>", "drift: auto heals, manual and notify report")
        .choices(["auto", "manual", "notify"] as const).default("auto" as const),
    )
    .option("--heal-grace <duration>", "leave drift younger than this alone, e.g. 5m")
    .option(
      "--notify-url <url>",
      "heal policy notify: POST drift as JSON here (default: $NOPEA_NOTIFY_URL)",
    );
}

export function watchCommand(program: Command) {
  const cmd = program.command("watch")
    .description("keep services in sync with git: deploy each new commit, heal drift");
  return withSourceOptions(cmd as Command)
    .option("--port <n>", "serve POST /webhook/<name>, /health, /ready, /metrics on this port")
    .option("--host <address>", "address the webhook server listens on", "127.0.0.1")
    .option("--once", "sync once (and check drift), print where sources stand and exit");
}

/** The source flags, as `withSourceOptions` parses them. */
export type SourceFlags = ReturnType<ReturnType<typeof withSourceOptions>["opts"]>;

/** The source the flags describe (a local repository must exist), or none with `--crds` alone. */
export function flagSource(flags: SourceFlags, ctx: CommandContext): WatchSource | undefined {
  if (flags.repo === undefined && flags.crds) return undefined;
  if (flags.repo === undefined || flags.service === undefined) {
    throw usage(
      `Missing ${flags.repo === undefined ? "--repo" : "-s, --service"}`,
      "Pass --repo <url|path> and -s <service>, or --crds to watch GitRepository objects",
    );
  }
  const source = watchSourceOf({
    ...flags,
    repo: flags.repo,
    service: flags.service,
    healGracePeriod: flags.healGrace,
    notifyUrl: undefined, // the watcher's default URL: see notifyUrlOf
    timeoutMs: flags.timeout ? parseDuration(flags.timeout, "--timeout") : undefined,
    auth: gitAuthFromEnv(ctx.io.env),
  }, "in the flags");
  if (isRemote(source.repo)) return source;
  const path = resolve(ctx.io.cwd, source.repo);
  try {
    Deno.statSync(path);
  } catch {
    throw usage(
      `Invalid --repo "${flags.repo}": no such folder (${path})`,
      "Pass the path of a local git repository, or an http(s):// URL",
    );
  }
  return { ...source, repo: path };
}

/** The notify URL of sources without their own: `--notify-url`, else `NOPEA_NOTIFY_URL`. */
export function notifyUrlOf(flags: SourceFlags, ctx: CommandContext): string | undefined {
  if (flags.notifyUrl !== undefined) return checkNotifyUrl(flags.notifyUrl, "--notify-url");
  const env = ctx.io.env["NOPEA_NOTIFY_URL"] || undefined;
  return env === undefined ? undefined : checkNotifyUrl(env, "NOPEA_NOTIFY_URL");
}

export function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw usage(`Invalid --port "${value}": expected 0-65535`, "Pass a free port, or 0");
  }
  return port;
}
