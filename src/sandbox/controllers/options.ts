/** Options of the simulated controllers and their resolved, validated form. */
import { type Logger, NopeaError } from "../../shared/mod.ts";

/** A rule that makes containers whose image matches `image` fail the way `reason` says. */
export interface FailureRule {
  /** Glob on the full image reference: `*` matches any run of characters, `?` one character. */
  image: string;
  /** How the container fails. */
  reason: "ImagePullBackOff" | "ErrImagePull" | "CrashLoopBackOff" | "CreateContainerConfigError";
}

/** Tunables of {@linkcode startControllers}. */
export interface ControllerOptions {
  /** Time for a pod to become ready (and for LoadBalancers and claims to bind). @default 1000 */
  readyDelayMs?: number;
  /** Images that fail. @default DEFAULT_FAILURE_RULES */
  failureRules?: readonly FailureRule[];
  /** When set, overrides `spec.progressDeadlineSeconds` of Deployments and Rollouts. */
  progressDeadlineSeconds?: number;
  /** KULTA: time between canary steps that have no pause. @default readyDelayMs */
  rolloutStepMs?: number;
  /** KULTA: glob; a canary whose image matches fails its analysis. @default "*:bad-canary" */
  analysisFailImage?: string;
  /** Where a failing reconcile is reported (it is retried with back-off). @default none */
  log?: Logger;
}

/** The default failure rules: tag `broken` cannot be pulled, tag `crash` exits with code 1. */
export const DEFAULT_FAILURE_RULES: readonly FailureRule[] = [
  { image: "*:broken", reason: "ImagePullBackOff" },
  { image: "*:crash", reason: "CrashLoopBackOff" },
];

/** Options with every default filled in. */
export interface Settings {
  readyDelayMs: number;
  failureRules: readonly FailureRule[];
  progressDeadlineSeconds: number | undefined;
  rolloutStepMs: number;
  analysisFailImage: string;
}

const REASONS: ReadonlySet<string> = new Set([
  "ImagePullBackOff",
  "ErrImagePull",
  "CrashLoopBackOff",
  "CreateContainerConfigError",
]);

function checkDuration(name: string, value: number | undefined): void {
  if (value === undefined || (Number.isFinite(value) && value >= 0)) return;
  throw new NopeaError(
    "SPEC_INVALID",
    `Cannot start the sandbox controllers: option "${name}" must be a non-negative number, got "${value}"`,
    { hint: `Pass a number of ${name.endsWith("Seconds") ? "seconds" : "milliseconds"} >= 0` },
  );
}

/** Fills in defaults and rejects impossible values. */
export function resolveSettings(options: ControllerOptions): Settings {
  checkDuration("readyDelayMs", options.readyDelayMs);
  checkDuration("rolloutStepMs", options.rolloutStepMs);
  checkDuration("progressDeadlineSeconds", options.progressDeadlineSeconds);
  for (const rule of options.failureRules ?? []) {
    if (!REASONS.has(rule.reason)) {
      throw new NopeaError(
        "SPEC_INVALID",
        `Cannot start the sandbox controllers: failure rule for image "${rule.image}" has unknown reason "${rule.reason}"`,
        { hint: `Use one of ${[...REASONS].map((r) => `"${r}"`).join(", ")}` },
      );
    }
  }
  const readyDelayMs = options.readyDelayMs ?? 1000;
  return {
    readyDelayMs,
    failureRules: options.failureRules ?? DEFAULT_FAILURE_RULES,
    progressDeadlineSeconds: options.progressDeadlineSeconds,
    rolloutStepMs: options.rolloutStepMs ?? readyDelayMs,
    analysisFailImage: options.analysisFailImage ?? "*:bad-canary",
  };
}

/** Whether `text` matches the glob `pattern` (`*` any run, `?` one character). */
export function globMatch(pattern: string, text: string): boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(
    /\?/g,
    ".",
  );
  return new RegExp(`^${source}$`, "s").test(text);
}

/** The failure reason of the first rule matching `image`, if any. */
export function failureFor(
  image: string,
  rules: readonly FailureRule[],
): FailureRule["reason"] | undefined {
  return rules.find((rule) => globMatch(rule.image, image))?.reason;
}
