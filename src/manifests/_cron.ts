// CronJob schedules as the API server parses them (robfig/cron's standard parser): five fields
// or a descriptor, and no time zone prefix (that belongs in spec.timeZone).

interface CronField {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
}

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const DAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];
const FIELDS: readonly CronField[] = [
  { name: "minute", min: 0, max: 59 },
  { name: "hour", min: 0, max: 23 },
  { name: "day of month", min: 1, max: 31 },
  { name: "month", min: 1, max: 12, names: MONTHS },
  { name: "day of week", min: 0, max: 6, names: DAYS },
];
const DESCRIPTOR = /^@(yearly|annually|monthly|weekly|daily|midnight|hourly)$/;
const EVERY = /^@every\s+(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/;
const PART = /^(?:[*?]|([A-Za-z0-9]+)(?:-([A-Za-z0-9]+))?)(?:\/(\d+))?$/;

function value(text: string, field: CronField): number | undefined {
  const named = field.names?.indexOf(text.toUpperCase()) ?? -1;
  const n = named >= 0 ? named + field.min : /^\d+$/.test(text) ? Number(text) : NaN;
  return n >= field.min && n <= field.max ? n : undefined;
}

function fieldProblem(text: string, field: CronField): string | undefined {
  for (const part of text.split(",")) {
    const match = PART.exec(part);
    const bad = `the ${field.name} "${part}" is not valid (${field.min}-${field.max})`;
    if (match === null || match[3] === "0") return bad;
    const [, from, to] = match;
    if (from === undefined) continue;
    const start = value(from, field);
    const end = to === undefined ? start : value(to, field);
    if (start === undefined || end === undefined || end < start) return bad;
  }
  return undefined;
}

/** Why `schedule` is not a schedule the API server accepts, or `undefined` when it is. */
export function cronProblem(schedule: string): string | undefined {
  const trimmed = schedule.trim();
  if (trimmed === "") return "must not be empty";
  if (/^(CRON_)?TZ=/.test(trimmed)) return "must not contain a time zone: use spec.timeZone";
  if (trimmed.startsWith("@")) {
    return DESCRIPTOR.test(trimmed) || EVERY.test(trimmed)
      ? undefined
      : `has an unknown descriptor "${trimmed.split(/\s/)[0]}"`;
  }
  const fields = trimmed.split(/\s+/);
  if (fields.length !== 5) {
    return `must have 5 fields (minute hour day-of-month month day-of-week), not ${fields.length}`;
  }
  for (const [i, field] of FIELDS.entries()) {
    const problem = fieldProblem(fields[i]!, field);
    if (problem !== undefined) return problem;
  }
  return undefined;
}
