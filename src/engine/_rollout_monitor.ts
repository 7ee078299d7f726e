/** How the engine follows KULTA Rollouts: its settings, a Rollout's key, the events it sends. */
import type { ResourceKey } from "../manifests/mod.ts";
import type { MonitorOptions, RolloutView } from "../progressive/mod.ts";
import { NopeaError } from "../shared/mod.ts";
import { KULTA_API_VERSION } from "../strategy/mod.ts";
import type { EngineContext } from "./_engine_context.ts";
import type { DeployEvent, DeployOptions, EngineOptions } from "./types.ts";

/** How the engine follows KULTA Rollouts (resolved `EngineOptions`). */
export interface RolloutSettings {
  rolloutPollMs: number;
  rolloutMaxMs: number;
}

const DEFAULTS: RolloutSettings = { rolloutPollMs: 10_000, rolloutMaxMs: 3_600_000 };

/** Checks and defaults the Rollout options of `EngineOptions`. */
export function rolloutSettings(options: EngineOptions): RolloutSettings {
  const out = { ...DEFAULTS };
  for (const name of ["rolloutPollMs", "rolloutMaxMs"] as const) {
    const value = options[name];
    if (value === undefined) continue;
    if (!Number.isFinite(value) || value <= 0) {
      throw new NopeaError(
        "SPEC_INVALID",
        `Cannot create the engine: option "${name}" must be a positive number of milliseconds, got "${value}"`,
        { hint: `Pass ${name} in milliseconds, e.g. ${DEFAULTS[name]}` },
      );
    }
    out[name] = value;
  }
  return out;
}

/** The engine's resolved Rollout settings. */
export function settingsOf(ctx: EngineContext): RolloutSettings {
  return { rolloutPollMs: ctx.options.rolloutPollMs, rolloutMaxMs: ctx.options.rolloutMaxMs };
}

/** The key of a service's Rollout. */
export function rolloutKey(namespace: string, name: string): ResourceKey {
  return { apiVersion: KULTA_API_VERSION, kind: "Rollout", namespace, name };
}

function rolloutEvent(view: RolloutView): DeployEvent {
  const { name, phase, step, steps, weight, message, awaitingPromotion } = view;
  return {
    type: "rollout",
    name,
    phase,
    ...(step === undefined ? {} : { step }),
    ...(steps === undefined ? {} : { steps }),
    ...(weight === undefined ? {} : { weight }),
    message,
    awaitingPromotion,
  };
}

/** How to follow a Rollout for one operation: the engine's settings, the caller's events. */
export function monitorOptionsOf(ctx: EngineContext, options: DeployOptions): MonitorOptions {
  const settings = settingsOf(ctx);
  let last = "";
  const onChange = (view: RolloutView) => {
    const seen = JSON.stringify([view.phase, view.step, view.weight, view.message]);
    if (seen === last) return;
    last = seen;
    options.onEvent?.(rolloutEvent(view));
  };
  return {
    clock: ctx.deps.clock,
    sleep: ctx.deps.sleep,
    pollMs: settings.rolloutPollMs,
    maxMs: settings.rolloutMaxMs,
    onChange,
    ...(options.signal ? { signal: options.signal } : {}),
  };
}
