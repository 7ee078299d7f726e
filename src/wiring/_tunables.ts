/** The tunables: their flags and variables, and each one picked and checked. */
import { DEFAULT_CANARY_THRESHOLD } from "../strategy/mod.ts";
import {
  durationOf,
  httpUrlOf,
  nameOf,
  thresholdOf,
  type ValueSource,
  wholeNumberOf,
} from "./_setting_values.ts";
import type { SettingsOptions } from "./settings_types.ts";

type Env = Readonly<Record<string, string | undefined>>;

/** The settings with a value to check: their flag (when the CLI has one) and variable. */
const NAMES = {
  canaryThreshold: { flag: "--canary-threshold", variable: "NOPEA_CANARY_THRESHOLD" },
  applyConcurrency: { flag: undefined, variable: "NOPEA_APPLY_CONCURRENCY" },
  timeoutMs: { flag: "--timeout", variable: "NOPEA_TIMEOUT" },
  podProblemToleranceMs: { flag: "--tolerance", variable: "NOPEA_TOLERANCE" },
  lockIdentity: { flag: undefined, variable: "NOPEA_LOCK_IDENTITY" },
  cdEventsUrl: { flag: undefined, variable: "NOPEA_CDEVENTS_URL" },
} as const;

/** The explicit value, else the environment variable's (empty counts as unset). */
function pick(o: SettingsOptions, key: keyof typeof NAMES, env: Env): ValueSource | undefined {
  const explicit = o[key];
  const { flag, variable } = NAMES[key];
  if (typeof explicit === "number") return { name: `option "${key}"`, value: explicit };
  if (explicit !== undefined && explicit.trim() !== "") {
    return { name: flag ?? `option "${key}"`, value: explicit };
  }
  const fromEnv = env[variable];
  if (fromEnv === undefined || fromEnv.trim() === "") return undefined;
  return { name: variable, value: fromEnv };
}

function defaultLockIdentity(): string {
  let host = "unknown-host";
  try {
    host = Deno.hostname();
  } catch {
    // Without --allow-sys the host stays unnamed; the pid and deploy id still tell deploys apart.
  }
  return `${host}/${Deno.pid}`;
}

/** The checked tunables: explicit value, else environment, else default. */
export function tunables(o: SettingsOptions, env: Env) {
  const threshold = pick(o, "canaryThreshold", env);
  const concurrency = pick(o, "applyConcurrency", env);
  const timeout = pick(o, "timeoutMs", env);
  const tolerance = pick(o, "podProblemToleranceMs", env);
  const identity = pick(o, "lockIdentity", env);
  const events = pick(o, "cdEventsUrl", env);
  return {
    canaryThreshold: threshold ? thresholdOf(threshold) : DEFAULT_CANARY_THRESHOLD,
    applyConcurrency: concurrency ? wholeNumberOf(concurrency, 1, 256) : 64,
    timeoutMs: timeout ? durationOf(timeout, { allowZero: false }) : 300_000,
    podProblemToleranceMs: tolerance ? durationOf(tolerance, { allowZero: true }) : 60_000,
    lockIdentity: identity ? nameOf(identity) : defaultLockIdentity(),
    cdEventsUrl: events ? httpUrlOf(events) : undefined,
  };
}
