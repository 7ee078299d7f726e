/** Figures as people read them: rates, durations, times, and deploys by week. Pure. */
import { html, raw } from "hono/html";
import type { Html } from "./_layout.ts";

/** A rate 0..1 as a whole percentage; a dash when there is none. */
export function percent(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? "—" : `${Math.round(rate * 100)}%`;
}

/** A duration in ms as `850ms`, `4.2s`, `3m 10s` or `2h 5m`; a dash when there is none. */
export function duration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return "—";
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 60) return `${minutes}m ${Math.round((ms % 60_000) / 1000)}s`;
  return `${Math.floor(minutes / 60)}h ${minutes % 60}m`;
}

/** An ISO time as `2026-12-03 14:05 UTC`, inside a `<time>` element. */
export function when(iso: string | null | undefined): Html {
  if (!iso) return html`never`;
  const text = `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
  return html`<time datetime="${iso}">${text}</time>`;
}

/** A status as a badge whose colour and text both say it. */
export function badge(status: string): Html {
  return html`<span class="badge ${`status-${status}`}">${status}</span>`;
}

/** A value as JSON inside a non-executed script element, safe from `</script>` in the data. */
export function jsonScript(id: string, value: unknown): Html {
  const text = JSON.stringify(value).replaceAll("<", "\\u003c").replaceAll("&", "\\u0026");
  return html`<script type="application/json" id="${id}">${raw(text)}</script>`;
}

/** What `deploysByWeek` counts for one week. */
export interface WeekFigures {
  /** Monday of the week, `YYYY-MM-DD`. */
  week: string;
  /** Deploys that changed the service (completed, failed, rolled back). */
  deploys: number;
  /** Of those, how many failed or were rolled back. */
  failed: number;
  /** failed / deploys. */
  failureRate: number;
  /** Median duration of the week's deploys, ms. */
  medianMs: number;
}

function mondayOf(iso: string): string {
  const day = new Date(iso.slice(0, 10) + "T00:00:00Z");
  const back = (day.getUTCDay() + 6) % 7;
  return new Date(day.getTime() - back * 86_400_000).toISOString().slice(0, 10);
}

/** Deploy figures week by week, oldest first (refused and progressing deploys do not count). */
export function deploysByWeek(
  deploys: readonly { status: string; finishedAt: string; durationMs: number }[],
): WeekFigures[] {
  const weeks = new Map<string, { failed: number; durations: number[] }>();
  for (const d of deploys) {
    if (!["completed", "failed", "rolledback"].includes(d.status)) continue;
    const week = weeks.get(mondayOf(d.finishedAt)) ?? { failed: 0, durations: [] };
    week.durations.push(d.durationMs);
    if (d.status !== "completed") week.failed++;
    weeks.set(mondayOf(d.finishedAt), week);
  }
  return [...weeks.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([week, w]) => {
    const sorted = [...w.durations].sort((a, b) => a - b);
    return {
      week,
      deploys: sorted.length,
      failed: w.failed,
      failureRate: w.failed / sorted.length,
      medianMs: sorted[Math.floor((sorted.length - 1) / 2)] ?? 0,
    };
  });
}
