/** Deploy progress for people: a live view on a terminal, timestamped lines elsewhere. */
import pc from "picocolors";
import type { DeployEvent } from "../../engine/mod.ts";
import type { CliIo } from "../io.ts";

/** Options of {@linkcode progressRenderer}. */
export interface ProgressOptions {
  live: boolean;
  color: boolean;
  now: () => number;
  /** Lines shown at most in the live view; the rest are summarized. @default 20 */
  maxLines?: number;
  /** The terminal's size: the live view never draws more lines or wider ones than it holds. */
  size?: () => { columns: number; rows: number } | undefined;
}

/** The first `columns - 1` visible characters of `text` (ANSI colour codes do not count). */
function fit(text: string, columns: number): string {
  let visible = 0, out = "";
  for (let i = 0; i < text.length; i++) {
    // deno-lint-ignore no-control-regex
    const escape = /^\x1b\[[0-9;]*m/.exec(text.slice(i));
    if (escape) {
      out += escape[0];
      i += escape[0].length - 1;
      continue;
    }
    if (visible >= columns - 1) return out + "\x1b[0m";
    out += text[i];
    visible++;
  }
  return out;
}

/** The first blocking pod problem of a resource (else the first), as `Reason: message`. */
function problemOf(
  r: { problems?: readonly { reason: string; message: string; blocking?: boolean }[] },
) {
  const p = r.problems?.find((x) => x.blocking) ?? r.problems?.[0];
  return p ? `${p.reason}: ${p.message}` : undefined;
}

const ICON: Record<string, string> = { ready: "✓", progressing: "…", failed: "✗", timeout: "⧗" };

function seconds(ms: number): string {
  return ms < 60_000
    ? `${(ms / 1000).toFixed(1)}s`
    : `${Math.floor(ms / 60_000)}m${Math.round((ms % 60_000) / 1000)}s`;
}

/**
 * Returns an `onEvent` handler that renders deploy events. On a TTY it redraws one line per
 * resource in place; otherwise it prints a timestamped line per change.
 */
export function progressRenderer(
  io: CliIo,
  options: ProgressOptions,
): (event: DeployEvent) => void {
  const paint = options.color ? pc : pc.createColors(false);
  const stamp = () => new Date(options.now()).toISOString().slice(11, 19);
  const lastState = new Map<string, string>();
  let drawn = 0;
  const color = (state: string, text: string) =>
    state === "ready"
      ? paint.green(text)
      : state === "failed" || state === "timeout"
      ? paint.red(text)
      : paint.yellow(text);

  /** Redraws the live view in place, cut to the terminal so no line wraps or scrolls away. */
  function redraw(lines: string[]): void {
    const size = options.size?.();
    const fitted = size ? lines.map((l) => fit(l, size.columns)) : lines;
    if (drawn > 0) io.stdout(`\x1b[${drawn}A\x1b[0J`);
    io.stdout(fitted.map((l) => l + "\n").join(""));
    drawn = fitted.length;
  }

  return (event) => {
    switch (event.type) {
      case "planned":
        drawn = 0;
        io.stdout(
          `${stamp()} plan: ${event.total} objects, strategy ${paint.bold(event.strategy)}${
            event.reasons.length ? ` (${event.reasons.join("; ")})` : ""
          }\n`,
        );
        return;
      case "applied": {
        const o = event.outcome;
        const text = o.action === "failed"
          ? paint.red(`failed: ${o.error?.message ?? ""}`)
          : o.action;
        if (!options.live || o.action === "failed") io.stdout(`${stamp()} ${o.key} ${text}\n`);
        return;
      }
      case "waiting": {
        const changed = event.resources.filter((r) =>
          lastState.get(r.key) !== `${r.state}|${r.message}`
        );
        for (const r of event.resources) lastState.set(r.key, `${r.state}|${r.message}`);
        if (!options.live) {
          for (const r of changed) {
            const problem = problemOf(r);
            io.stdout(
              `${stamp()} ${r.key} ${r.state}: ${r.message}${problem ? ` (${problem})` : ""}\n`,
            );
          }
          return;
        }
        const notReady = event.resources.filter((r) => r.state !== "ready");
        const rows = options.size?.()?.rows;
        const room = rows === undefined ? Infinity : Math.max(1, rows - 3);
        const shown = notReady.slice(0, Math.min(options.maxLines ?? 20, room));
        const ready = event.resources.length - notReady.length;
        redraw([
          paint.dim(
            `waiting ${seconds(event.elapsedMs)}: ${ready}/${event.resources.length} ready`,
          ),
          ...shown.map((r) =>
            `  ${color(r.state, ICON[r.state] ?? "?")} ${r.key} ${r.state} ${
              seconds(event.elapsedMs)
            } ${problemOf(r) ? paint.red(problemOf(r)!) : paint.dim(r.message)}`
          ),
          ...(notReady.length > shown.length
            ? [paint.dim(`  … and ${notReady.length - shown.length} more`)]
            : []),
        ]);
        return;
      }
      case "rollout": {
        const step = event.step === undefined
          ? ""
          : ` step ${event.step}${event.steps ? `/${event.steps}` : ""}`;
        const weight = event.weight === undefined ? "" : ` weight ${event.weight}%`;
        const line =
          `rollout ${event.name}: ${event.phase}${step}${weight}${
            event.message ? ` — ${event.message}` : ""
          }` +
          (event.awaitingPromotion ? paint.yellow(" (waiting for `nopea promote`)") : "");
        const key = `rollout|${line}`;
        if (lastState.get("rollout") === key) return;
        lastState.set("rollout", key);
        if (options.live) redraw([line]);
        else io.stdout(`${stamp()} ${line}\n`);
        return;
      }
      case "verified":
        drawn = 0;
        io.stdout(
          `${stamp()} verify: ${
            event.drift === 0 ? "no drift" : `${event.drift} fields changed by the server`
          }\n`,
        );
        return;
      default: {
        const never: never = event;
        throw new Error(`Unknown deploy event ${JSON.stringify(never)}`);
      }
    }
  };
}
