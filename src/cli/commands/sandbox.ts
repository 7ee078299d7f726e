/** `nopea sandbox`: runs the sandbox cluster in the foreground and writes a kubeconfig for it. */
import type { Command } from "@commander-js/extra-typings";
import { NopeaError } from "../../shared/mod.ts";
import {
  loadSandboxState,
  parseFaultFlags,
  saveSandboxState,
  startSandbox,
} from "../../sandbox/mod.ts";
import type { CommandContext } from "../commands.ts";
import { parseDuration } from "../flags.ts";

/** Registers `nopea sandbox`. */
export function registerSandbox(program: Command, ctx: CommandContext): void {
  program.command("sandbox")
    .description(
      "run the sandbox cluster (an embedded Kubernetes API server emulator) in the foreground",
    )
    .option("-p, --port <port>", "port to listen on (0 = random)", "0")
    .option("--host <host>", "loopback address to listen on", "127.0.0.1")
    .option("--kubeconfig-out <file>", "write a kubeconfig for the sandbox to this file")
    .option("--token <token>", "bearer token clients must send (default: random)")
    .option("--state <file>", "load state from this file at start and save it on exit")
    .option("--with-kulta", "install KULTA (its Rollout CRD; the simulated controller runs)")
    .option("--ready-delay <duration>", "time a workload takes to become ready", "2s")
    .option("--latency <duration>", "fault: added latency per request (200ms, 1s)")
    .option("--error-rate <share>", "fault: share of requests answered with a 5xx (0.1 or 10%)")
    .option("--throttle-rate <share>", "fault: share of requests answered 429 with Retry-After")
    .option("--drop-rate <share>", "fault: share of connections dropped without an answer")
    .option("--fault-verb <verb>", "fault knobs apply to this verb only (get, patch, ...)")
    .option("--fault-resource <plural>", "fault knobs apply to this resource only (deployments)")
    .action(async (opts) => {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw new NopeaError("SPEC_INVALID", `Invalid --port "${opts.port}": expected 0-65535`, {
          hint: "Pass a free port, or 0 for a random one",
        });
      }
      const state = opts.state ? await loadSandboxState(opts.state) : undefined;
      const sandbox = await startSandbox({
        port,
        hostname: opts.host,
        ...(opts.token ? { token: opts.token } : {}),
        ...(state ? { state } : {}),
        ...(opts.withKulta ? { withKulta: true } : {}),
        controllers: { readyDelayMs: parseDuration(opts.readyDelay, "--ready-delay") },
        faults: parseFaultFlags({
          ...(opts.latency ? { latency: opts.latency } : {}),
          ...(opts.errorRate ? { errorRate: opts.errorRate } : {}),
          ...(opts.throttleRate ? { throttleRate: opts.throttleRate } : {}),
          ...(opts.dropRate ? { dropRate: opts.dropRate } : {}),
          ...(opts.faultVerb ? { verb: opts.faultVerb } : {}),
          ...(opts.faultResource ? { resource: opts.faultResource } : {}),
        }),
      });
      const kubeconfig = sandbox.kubeconfig();
      if (opts.kubeconfigOut) await Deno.writeTextFile(opts.kubeconfigOut, kubeconfig);
      const io = ctx.io;
      io.stdout(`Sandbox cluster serving at ${sandbox.url}\n`);
      io.stdout(
        opts.kubeconfigOut
          ? `Kubeconfig written to ${opts.kubeconfigOut}\n  kubectl --kubeconfig ${opts.kubeconfigOut} get namespaces\n`
          : `Kubeconfig (save it and use it with --kubeconfig):\n${kubeconfig}`,
      );
      if (opts.withKulta) io.stdout("KULTA installed (rollouts.kulta.io CRD and its controller)\n");
      io.stdout(`${sandbox.limitations}\nPress Ctrl-C to stop.\n`);
      await (io.interrupted?.() ?? new Promise<void>(() => {}));
      if (opts.state) await saveSandboxState(opts.state, sandbox.exportState());
      await sandbox.close();
      io.stdout(
        opts.state ? `Sandbox stopped; state saved to ${opts.state}\n` : "Sandbox stopped\n",
      );
    });
}
