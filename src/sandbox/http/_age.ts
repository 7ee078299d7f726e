/** kubectl's age rendering (`duration.HumanDuration` of apimachinery): "5s", "3m2s", "2d", "4y". */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function withRest(unitValue: number, unit: string, rest: number, restUnit: string): string {
  return rest === 0 ? `${unitValue}${unit}` : `${unitValue}${unit}${rest}${restUnit}`;
}

/** Renders a duration in milliseconds with 2-3 significant figures, as kubectl's Age column. */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / SECOND);
  if (seconds < -1) return "<invalid>";
  if (seconds < 0) return "0s";
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.trunc(ms / MINUTE);
  if (minutes < 10) return withRest(minutes, "m", seconds % 60, "s");
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.trunc(ms / HOUR);
  if (hours < 8) return withRest(hours, "h", minutes % 60, "m");
  if (hours < 48) return `${hours}h`;
  const days = Math.trunc(ms / DAY);
  if (hours < 24 * 8) return withRest(days, "d", hours % 24, "h");
  if (hours < 24 * 365 * 2) return `${days}d`;
  const years = Math.trunc(days / 365);
  if (hours < 24 * 365 * 8) return withRest(years, "y", days % 365, "d");
  return `${years}y`;
}

/** The age of an RFC 3339 timestamp at `now`, or `"<unknown>"` when absent or unparsable. */
export function ageOf(timestamp: unknown, now: number): string {
  const t = typeof timestamp === "string" ? Date.parse(timestamp) : Number.NaN;
  return Number.isNaN(t) ? "<unknown>" : humanDuration(now - t);
}
