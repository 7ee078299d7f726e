/** kubectl against a sandbox in a scratch directory (kubeconfig, cache, HOME), for tests. */

/** Whether kubectl is on PATH (tests that need it are skipped otherwise). */
export async function hasKubectl(): Promise<boolean> {
  try {
    const out = await new Deno.Command("kubectl", {
      args: ["version", "--client"],
      stdout: "null",
      stderr: "null",
    }).output();
    return out.success;
  } catch {
    return false;
  }
}

/** One kubectl run. */
export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** A kubectl that talks to the sandbox whose kubeconfig is `<dir>/kubeconfig`; `stdin` is piped. */
export function kubectlIn(dir: string): (args: string[], stdin?: string) => Promise<Run> {
  return async (args, stdin) => {
    const child = new Deno.Command("kubectl", {
      args: ["--kubeconfig", `${dir}/kubeconfig`, "--cache-dir", `${dir}/cache`, ...args],
      stdin: stdin === undefined ? "null" : "piped",
      stdout: "piped",
      stderr: "piped",
      env: { HOME: dir },
    }).spawn();
    if (stdin !== undefined) {
      const writer = child.stdin.getWriter();
      await writer.write(new TextEncoder().encode(stdin));
      await writer.close();
    }
    const out = await child.output();
    const text = new TextDecoder();
    return { code: out.code, stdout: text.decode(out.stdout), stderr: text.decode(out.stderr) };
  };
}
