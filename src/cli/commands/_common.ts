/** Options shared by commands: cluster connection, memory directory, output format. */
import { type Command, Option, type OptionValues } from "@commander-js/extra-typings";

/** Adds `--kubeconfig`, `--context`, `--memory-dir` and `-v, --verbose`. */
export function withConnection<A extends unknown[], O extends OptionValues>(cmd: Command<A, O>) {
  return cmd
    .option("--kubeconfig <file>", "kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)")
    .option("--context <name>", "kubeconfig context (default: the current context)")
    .option("--memory-dir <dir>", "where memory lives (default: $NOPEA_MEMORY_DIR, then ./.nopea)")
    .option("-v, --verbose", "log requests and retries to stderr");
}

/** Adds `-o, --output text|json`. */
export function withOutput<A extends unknown[], O extends OptionValues>(cmd: Command<A, O>) {
  return cmd.addOption(
    new Option("-o, --output <format>", "output format").choices(["text", "json"] as const).default(
      "text" as const,
    ),
  );
}
