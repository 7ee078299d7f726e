/** Options shared by commands: cluster connection, memory directory, output format. */
import {
  type Command,
  InvalidArgumentError,
  Option,
  type OptionValues,
} from "@commander-js/extra-typings";
import { DEFAULT_CANARY_THRESHOLD } from "../../strategy/mod.ts";

/** Adds `--kubeconfig`, `--context`, `--memory-dir` and `-v, --verbose`. */
export function withConnection<A extends unknown[], O extends OptionValues>(cmd: Command<A, O>) {
  return cmd
    .option("--kubeconfig <file>", "kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)")
    .option("--context <name>", "kubeconfig context (default: the current context)")
    .option("--memory-dir <dir>", "where memory lives (default: $NOPEA_MEMORY_DIR, then ./.nopea)")
    .option(
      "--memory-store <store>",
      "file (.nopea/ only) or cluster (.nopea/ synced with the cluster; default: $NOPEA_MEMORY_STORE, then file)",
    )
    .option("-v, --verbose", "log requests and retries to stderr");
}

/** Adds `--canary-threshold`, on commands that choose or show a strategy. */
export function withCanaryThreshold<A extends unknown[], O extends OptionValues>(
  cmd: Command<A, O>,
) {
  return cmd.option(
    "--canary-threshold <rate>",
    "estimated failure rate above which memory picks canary, 0 to 1 " +
      `(default: $NOPEA_CANARY_THRESHOLD, then ${DEFAULT_CANARY_THRESHOLD})`,
  );
}

/** Adds `-o, --output text|json`. */
export function withOutput<A extends unknown[], O extends OptionValues>(cmd: Command<A, O>) {
  return cmd.addOption(
    new Option("-o, --output <format>", "output format").choices(["text", "json"] as const).default(
      "text" as const,
    ),
  );
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** Adds the options that say what to deploy: `-f`, `-s`, `-n`, `--force-conflicts`, `-l`. */
export function withSpec<A extends unknown[], O extends OptionValues>(cmd: Command<A, O>) {
  return cmd
    .requiredOption(
      "-f, --filename <path>",
      "file, directory or - for stdin (repeatable)",
      collect,
    )
    .requiredOption("-s, --service <name>", "the service these manifests make up")
    .option("-n, --namespace <ns>", "namespace for objects that name none (default: the context's)")
    .option("--force-conflicts", "take ownership of fields other field managers own")
    .option("-l, --label <key=value>", "extra label on every object (repeatable)", collect)
    .option(
      "--prune <true|false>",
      "delete what the last deploy applied and these manifests no longer hold (default true)",
      parseBooleanFlag("--prune"),
    );
}

/** A parser for a `--flag <true|false>` value; anything else is a usage error naming the flag. */
function parseBooleanFlag(flag: string): (value: string) => boolean {
  return (value) => {
    if (value === "true") return true;
    if (value === "false") return false;
    throw new InvalidArgumentError(`${flag} takes true or false, got "${value}"`);
  };
}
