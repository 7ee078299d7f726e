/** `nopea completion bash|zsh|fish`: a shell completion script made from the command table. */
import { Argument, type Command, Command as Program } from "@commander-js/extra-typings";
import { type CommandContext, registerCommands } from "../commands.ts";

interface CommandShape {
  name: string;
  description: string;
  options: string[];
  subcommands: string[];
}

async function commandTree(ctx: CommandContext): Promise<CommandShape[]> {
  const all = new Program("nopea");
  await registerCommands(all, ctx, []);
  return all.commands.map((c) => ({
    name: c.name(),
    description: c.description().split("\n")[0] ?? "",
    options: c.options.flatMap((o) => [o.long, o.short].filter((f): f is string => !!f)),
    subcommands: c.commands.map((s) => s.name()),
  }));
}

function bash(tree: readonly CommandShape[]): string {
  const cases = tree.map((c) =>
    `    ${c.name}) words="${[...c.subcommands, ...c.options, "--help"].join(" ")}" ;;`
  );
  return `# nopea completion for bash: source it, or save it to /etc/bash_completion.d/nopea
_nopea() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" words=""
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=( $(compgen -W "${tree.map((c) => c.name).join(" ")}" -- "$cur") )
    return
  fi
  case "\${COMP_WORDS[1]}" in
${cases.join("\n")}
  esac
  if [[ "$cur" == -* || -z "$cur" && -n "$words" && "\${COMP_WORDS[COMP_CWORD-1]}" != -* ]]; then
    COMPREPLY=( $(compgen -W "$words" -- "$cur") )
  else
    COMPREPLY=( $(compgen -f -- "$cur") )
  fi
}
complete -o default -F _nopea nopea
`;
}

function zsh(tree: readonly CommandShape[]): string {
  return `#compdef nopea
# nopea completion for zsh (through bashcompinit)
autoload -U +X bashcompinit && bashcompinit
${bash(tree)}`;
}

function fish(tree: readonly CommandShape[]): string {
  const quote = (s: string) => `'${s.replaceAll("'", "\\'")}'`;
  const lines = [
    "# nopea completion for fish: save it to ~/.config/fish/completions/nopea.fish",
    "complete -c nopea -f",
    ...tree.map((c) =>
      `complete -c nopea -n __fish_use_subcommand -a ${c.name} -d ${quote(c.description)}`
    ),
  ];
  for (const c of tree) {
    for (const s of c.subcommands) {
      lines.push(`complete -c nopea -n '__fish_seen_subcommand_from ${c.name}' -a ${s}`);
    }
    for (const o of c.options.filter((o) => o.startsWith("--"))) {
      lines.push(`complete -c nopea -n '__fish_seen_subcommand_from ${c.name}' -l ${o.slice(2)}`);
    }
  }
  return lines.join("\n") + "\n";
}

const SCRIPTS = { bash, zsh, fish } as const;

/** Registers `nopea completion <shell>`. */
export function registerCompletion(program: Command, ctx: CommandContext): void {
  program.command("completion")
    .description("print a shell completion script (bash, zsh or fish)")
    .addArgument(
      new Argument("<shell>", "bash, zsh or fish").choices(["bash", "zsh", "fish"] as const),
    )
    .action(async (shell) => {
      ctx.io.stdout(SCRIPTS[shell](await commandTree(ctx)));
    });
}
