/** Parsing of one setting's value, with errors that name where the value came from. */
import { NopeaError, parseDuration } from "../shared/mod.ts";

/** Where a value came from: an option or flag (explicit), or an environment variable. */
export interface ValueSource {
  /** How the value is named in messages: `--timeout`, `NOPEA_TIMEOUT` or `option "timeoutMs"`. */
  name: string;
  /** The value as given: text from a flag or variable, a number from a library option. */
  value: string | number;
}

/** What a setting accepts, for messages: "a number from 0 to 1". */
function invalid(source: ValueSource, accepted: string, example: string): NopeaError {
  return new NopeaError(
    "SPEC_INVALID",
    `Invalid ${source.name} "${source.value}": expected ${accepted}`,
    { hint: `Set ${source.name} to ${accepted}, for example ${example}` },
  );
}

function numberOf(source: ValueSource): number {
  if (typeof source.value === "number") return source.value;
  const text = source.value.trim();
  return text === "" ? NaN : Number(text);
}

/** A threshold on a rate or a confidence: a number from 0 to 1. */
export function thresholdOf(source: ValueSource): number {
  const n = numberOf(source);
  if (!Number.isFinite(n) || n < 0 || n > 1) {
    throw invalid(source, "a number from 0 to 1", "0.2");
  }
  return n;
}

/** A whole number from `min` to `max`. */
export function wholeNumberOf(source: ValueSource, min: number, max: number): number {
  const n = numberOf(source);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw invalid(source, `a whole number from ${min} to ${max}`, String(min));
  }
  return n;
}

/** A duration in milliseconds: text such as `5m` or `30s`, or a number of milliseconds. */
export function durationOf(source: ValueSource, options: { allowZero: boolean }): number {
  const accepted = options.allowZero
    ? "a duration of 0s or more (500ms, 30s, 5m, 1h)"
    : "a duration longer than 0s (500ms, 30s, 5m, 1h)";
  let ms: number;
  try {
    ms = typeof source.value === "number" ? source.value : parseDuration(source.value, source.name);
  } catch {
    throw invalid(source, accepted, "5m");
  }
  if (!Number.isFinite(ms) || ms < 0 || (ms === 0 && !options.allowZero)) {
    throw invalid(source, accepted, "5m");
  }
  return ms;
}

/** An http or https URL. */
export function httpUrlOf(source: ValueSource): string {
  const text = String(source.value).trim();
  const url = URL.parse(text);
  if (url === null || (url.protocol !== "http:" && url.protocol !== "https:")) {
    throw invalid(source, "an http or https URL", "http://events.example:8080/events");
  }
  return text;
}

/** A name without spaces (lock identity). */
export function nameOf(source: ValueSource): string {
  const text = String(source.value).trim();
  if (text === "" || /\s/.test(text) || text.length > 128) {
    throw invalid(source, "a name of 1 to 128 characters without spaces", "ci-runner-7");
  }
  return text;
}
