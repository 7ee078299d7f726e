/** The `Examples` section of each command's `--help`. */
import type { Command } from "@commander-js/extra-typings";

const EXAMPLES: Readonly<Record<string, readonly string[]>> = {
  deploy: [
    "nopea deploy -f k8s/ -s web                    # memory picks the strategy",
    "nopea deploy -f k8s/ -s web -n shop --create-namespace",
    "nopea deploy -f k8s/ -s web --strategy canary --steps 10,25:pause,100",
    "nopea deploy -f k8s/ -s web --atomic           # roll back by itself on failure",
    "nopea deploy -f k8s/ -s web --prune false      # keep what the manifests dropped",
    "kustomize build . | nopea deploy -f - -s web -o json",
  ],
  diff: ["nopea diff -f k8s/ -s web", "nopea diff -f k8s/ -s web -o json | jq .changes"],
  context: ["nopea context web", "nopea context web -n shop -o json"],
  explain: ["nopea explain web"],
  history: ["nopea history web", "nopea history web --status failed --limit 5 -o json"],
  services: ["nopea services", "nopea services -o json"],
  status: ["nopea status web", "nopea status web -n shop -o json"],
  health: ["nopea health -o json"],
  drift: ["nopea drift web", "nopea drift web -f k8s/"],
  heal: ["nopea heal web --dry-run", "nopea heal web --policy auto --grace 5m"],
  promote: ["nopea promote web", "nopea promote 01J0000000000000000000000A"],
  rollback: [
    "nopea rollback web",
    "nopea rollback web --to 01J0000000000000000000000A",
    "nopea rollback web --to 1a2b3c4               # the deploy of a git commit (nopea watch)",
  ],
  delete: [
    "nopea delete web --dry-run",
    "nopea delete web",
    "nopea delete web --include-namespaces",
  ],
  unlock: ["nopea unlock web -n shop", "nopea unlock web --force"],
  watch: [
    "nopea watch --repo https://github.com/org/app.git --path k8s/ -s web -n shop --interval 1m",
    "NOPEA_WEBHOOK_SECRET=... nopea watch --repo . --path k8s/ -s web --port 8080",
    "nopea watch --crds --port 8080                 # every GitRepository in the cluster",
    "nopea watch --repo . --path k8s/ -s web --once",
  ],
  suspend: ["nopea suspend web --reason hotfix", "nopea suspend web -n shop -o json"],
  resume: ["nopea resume web"],
  memory: [
    "nopea memory stats",
    "nopea memory export > memory.json",
    "nopea memory prune --dry-run",
    "nopea memory graph --format mermaid --service web --depth 2",
  ],
  ui: ["nopea ui", "nopea ui --port 8081 --no-auth"],
  mcp: ["nopea mcp", "nopea mcp --read-only"],
  serve: ["nopea serve --port 8080", "NOPEA_API_KEY=... nopea serve --host 0.0.0.0"],
  sandbox: ["nopea sandbox --port 6443", "nopea sandbox --latency 20ms --error-rate 0.05"],
  demo: ["nopea demo"],
  completion: [
    "nopea completion bash > /etc/bash_completion.d/nopea",
    'nopea completion zsh > "${fpath[1]}/_nopea"',
    "nopea completion fish > ~/.config/fish/completions/nopea.fish",
  ],
};

/** Adds an `Examples` section to the help of every registered command that has some. */
export function addExamples(program: Command): void {
  for (const command of program.commands) {
    const examples = EXAMPLES[command.name()];
    if (!examples) continue;
    command.addHelpText("after", `\nExamples:\n${examples.map((e) => `  $ ${e}`).join("\n")}\n`);
  }
}
