/** engine.deploy: validates the spec, serializes per service, runs the steps, records in `finally`. */
import { isDns1123Label } from "../manifests/mod.ts";
import { isNopeaError, NopeaError } from "../shared/mod.ts";
import { emitDeployEvent } from "./_deploy_events.ts";
import { type DeployRun, failRun, newRun, recordOf, resultOf } from "./_deploy_run.ts";
import type { EngineContext } from "./_engine_context.ts";
import { runDeploySteps } from "./deploy.ts";
import { withDeployLock } from "./deploy_lock.ts";
import type { DeployOptions, DeployResult, DeploySpec } from "./types.ts";

const INPUT_CODES = new Set([
  "SPEC_INVALID",
  "MANIFEST_PARSE",
  "MANIFEST_INVALID",
  "KUBE_NOT_FOUND_KIND",
  "KULTA_NOT_INSTALLED",
]);

function checkSpec(
  spec: DeploySpec,
  ctx: EngineContext,
): DeploySpec & { namespace: string; timeoutMs: number } {
  if (!isDns1123Label(spec.service ?? "")) {
    throw new NopeaError(
      "SPEC_INVALID",
      `Invalid service name "${spec.service ?? ""}": it must be a DNS-1123 label`,
      {
        hint:
          "Use lowercase letters, digits and '-', starting and ending with a letter or digit (at most 63)",
      },
    );
  }
  if (!Array.isArray(spec.manifests) || spec.manifests.length === 0) {
    throw new NopeaError(
      "SPEC_INVALID",
      `Cannot deploy service "${spec.service}": no manifests given`,
      {
        hint: "Pass at least one manifest (-f FILE|DIR|-)",
      },
    );
  }
  const timeoutMs = spec.timeoutMs ?? ctx.options.timeoutMs;
  if (!(timeoutMs > 0)) {
    throw new NopeaError("SPEC_INVALID", `Invalid timeout ${timeoutMs}ms: it must be positive`, {
      hint: "Pass a duration such as --timeout 5m",
    });
  }
  return { ...spec, namespace: spec.namespace ?? ctx.options.defaultNamespace, timeoutMs };
}

/**
 * Deploys a spec. Bad input throws (`SPEC_INVALID`, `MANIFEST_*`, `KUBE_NOT_FOUND_KIND`) before
 * anything is applied; every other failure is a `failed` result, recorded in memory.
 */
export async function runDeploy(
  ctx: EngineContext,
  raw: DeploySpec,
  options: DeployOptions = {},
): Promise<DeployResult> {
  const spec = checkSpec(raw, ctx);
  return await ctx.queue.run(spec.service, async () => {
    const deployId = ctx.deps.ids.next();
    const { service, namespace } = spec;
    const dryRun = spec.dryRun ?? false;
    // A deploy another machine runs throws DEPLOY_IN_PROGRESS here: it is not a deploy, not recorded.
    return await withDeployLock(ctx, { service, namespace, deployId, dryRun }, async (ctx) => {
      const startedAt = ctx.deps.clock.now();
      const run = newRun({ deployId, service, namespace, dryRun, startedAt });
      await runStepsOrFail(ctx, spec, run, options);
      const result = resultOf(run, ctx.deps.clock.now());
      if (!dryRun) await record(ctx, run, result);
      return result;
    });
  });
}

/**
 * Runs the deploy steps into `run`. Bad input found before anything was applied is thrown;
 * every other failure becomes the run's error (a failed result, recorded).
 */
export async function runStepsOrFail(
  ctx: EngineContext,
  spec: Parameters<typeof runDeploySteps>[1],
  run: DeployRun,
  options: DeployOptions,
): Promise<void> {
  try {
    await runDeploySteps(ctx, spec, run, options);
  } catch (error) {
    if (isNopeaError(error) && INPUT_CODES.has(error.code) && run.outcomes.length === 0) {
      throw error;
    }
    failRun(run, error);
  }
}

async function record(ctx: EngineContext, run: DeployRun, result: DeployResult): Promise<void> {
  try {
    const manifests = run.groups.flatMap((g) => g.objects.map((o) => o.object));
    await ctx.memory.record(recordOf(result, run, ctx.deps.clock.now()), {
      ...(run.context ? { context: run.context } : {}),
      manifests,
    });
  } catch (error) {
    const message = isNopeaError(error) ? error.message : String(error);
    result.warnings.push(`The deploy was not recorded in memory: ${message}`);
    ctx.deps.log.log("error", "recording the deploy failed", {
      deployId: result.deployId,
      error: message,
    });
  }
  await emitDeployEvent(ctx, run, result);
}
