import type { CheckResult, UptimeDay } from '../api/checks.js';
import { formatShortTime, formatTime } from './format.js';

/** "120 ms", "1.4 s". */
export function formatLatency(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  return ms < 1000 ? `${Math.round(ms)} ms` : `${Number((ms / 1000).toFixed(ms < 10_000 ? 2 : 1))} s`;
}

/** The value at quantile `q` (0…1) of sorted numbers. */
function quantile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? null;
}

const W = 300;
const H = 100;

/**
 * Latency of the latest runs as an inline SVG line (oldest left, newest right); failed runs
 * are red bands. `results` come newest first, as the API sends them.
 */
export function LatencyChart({
  results,
  compact = false,
}: {
  results: readonly CheckResult[];
  compact?: boolean;
}) {
  const runs = [...results].reverse();
  const latencies = runs.map((r) => r.latencyMs).filter((v): v is number => v !== null);
  const sorted = [...latencies].sort((a, b) => a - b);
  const failures = runs.filter((r) => !r.isUp).length;
  const median = quantile(sorted, 0.5);
  const p95 = quantile(sorted, 0.95);
  const max = Math.max(1, (sorted.at(-1) ?? 1) * 1.15);
  const step = runs.length > 1 ? W / (runs.length - 1) : W;
  const x = (i: number) => (runs.length > 1 ? i * step : W / 2);
  const y = (ms: number) => H - (ms / max) * H;

  // One path segment per run of consecutive measured latencies; gaps where a run had none.
  const segments: { x: number; y: number }[][] = [[]];
  runs.forEach((r, i) => {
    if (r.latencyMs === null) segments.push([]);
    else segments.at(-1)?.push({ x: x(i), y: y(r.latencyMs) });
  });
  const pointsOf = (seg: { x: number; y: number }[]) =>
    seg.map((p) => `${p.x.toFixed(2)},${p.y.toFixed(2)}`).join('L');
  let line = '';
  let area = '';
  for (const seg of segments) {
    const first = seg[0];
    const last = seg.at(-1);
    if (!first || !last) continue;
    // A lone run (the only one so far) is drawn as a flat line so it stays visible.
    const pts =
      seg.length === 1 && runs.length === 1
        ? [
            { x: 0, y: first.y },
            { x: W, y: first.y },
          ]
        : seg;
    if (pts.length === 1) {
      line += `M${first.x.toFixed(2)},${first.y.toFixed(2)}h0.01`;
      continue;
    }
    line += `M${pointsOf(pts)}`;
    area += `M${(pts[0] ?? first).x.toFixed(2)},${H}L${pointsOf(pts)}L${(pts.at(-1) ?? last).x.toFixed(2)},${H}Z`;
  }

  const label =
    runs.length === 0
      ? 'No runs yet'
      : `Latency of the last ${runs.length} runs: median ${formatLatency(median)}, 95th percentile ${formatLatency(p95)}, ${failures} failed`;
  const band = Math.max(step, 2);
  // Consecutive failed runs drawn as one band.
  const outages: { from: number; to: number; title: string }[] = [];
  runs.forEach((r, i) => {
    if (r.isUp) return;
    const last = outages.at(-1);
    if (last && last.to === i - 1) last.to = i;
    else outages.push({ from: i, to: i, title: '' });
  });
  for (const o of outages) {
    const first = runs[o.from];
    const message = first?.message ? ` — ${first.message}` : '';
    o.title = `Down from ${formatTime(first?.at)}, ${o.to - o.from + 1} failed run${o.to > o.from ? 's' : ''}${message}`;
  }

  const svg = (
    <svg
      className="latency-svg"
      viewBox={`0 0 ${W} ${H}`}
      preserveAspectRatio="none"
      role="img"
      aria-label={label}
    >
      {!compact ? (
        <g className="grid">
          {[0.25, 0.5, 0.75].map((f) => (
            <line key={f} x1={0} x2={W} y1={H * f} y2={H * f} vectorEffect="non-scaling-stroke" />
          ))}
        </g>
      ) : null}
      {outages.map((o) => (
        <rect
          key={o.from}
          className="fail-band"
          x={Math.max(0, x(o.from) - band / 2)}
          y={0}
          width={Math.min(W, x(o.to) + band / 2) - Math.max(0, x(o.from) - band / 2)}
          height={H}
        >
          <title>{o.title}</title>
        </rect>
      ))}
      <path className="latency-area" d={area} />
      <path className="latency-line" d={line} vectorEffect="non-scaling-stroke" />
    </svg>
  );

  if (compact) {
    return (
      <span className="sparkline" title={label}>
        {runs.length === 0 ? <span className="muted">No runs yet</span> : svg}
      </span>
    );
  }
  return (
    <figure className="latency-chart">
      {runs.length === 0 ? (
        <div className="chart-empty muted">No runs yet.</div>
      ) : (
        <>
          <div className="chart-frame">
            <span className="chart-max">{formatLatency(max)}</span>
            {svg}
          </div>
          <figcaption className="chart-axis muted">
            <span>{formatShortTime(runs[0]?.at)}</span>
            <span className="chart-stats">
              median {formatLatency(median)} · p95 {formatLatency(p95)} ·{' '}
              <span className={failures > 0 ? 'down-text' : undefined}>
                {failures} failed of {runs.length}
              </span>
            </span>
            <span>{formatShortTime(runs.at(-1)?.at)}</span>
          </figcaption>
        </>
      )}
    </figure>
  );
}

/** Uptime over the days that had runs, weighted by runs; null when none ran. */
export function overallUptime(days: readonly UptimeDay[]): number | null {
  let runs = 0;
  let up = 0;
  for (const d of days) {
    if (d.uptimePercent === null || d.runs === 0) continue;
    runs += d.runs;
    up += (d.uptimePercent / 100) * d.runs;
  }
  return runs === 0 ? null : (up / runs) * 100;
}

/** "99.95%", "100%". */
export function formatPercent(value: number | null): string {
  if (value === null) return '—';
  if (value >= 100) return '100%';
  return `${value >= 99.99 ? value.toFixed(3) : value.toFixed(2)}%`;
}

/** The colour class of one day's uptime. */
function uptimeClass(percent: number | null): string {
  if (percent === null) return 'up-none';
  if (percent >= 99.9) return 'up-full';
  if (percent >= 99) return 'up-high';
  if (percent >= 95) return 'up-mid';
  return 'up-low';
}

/** One bar per day (oldest left), coloured by uptime; grey where the check did not run. */
export function UptimeBars({ days, compact = false }: { days: readonly UptimeDay[]; compact?: boolean }) {
  const overall = overallUptime(days);
  const bars = (
    <span
      className={compact ? 'uptime-bars compact' : 'uptime-bars'}
      role="img"
      aria-label={`Uptime over ${days.length} days: ${formatPercent(overall)}`}
    >
      {days.map((d) => (
        <span
          key={d.date}
          className={`uptime-bar ${uptimeClass(d.uptimePercent)}`}
          title={`${d.date}: ${d.uptimePercent === null ? 'no runs' : `${formatPercent(d.uptimePercent)} of ${d.runs} runs`}`}
        />
      ))}
    </span>
  );
  if (compact) {
    return (
      <span className="uptime-compact">
        {bars}
        <span className="uptime-value">{formatPercent(overall)}</span>
      </span>
    );
  }
  return (
    <figure className="uptime">
      {bars}
      <figcaption className="chart-axis muted">
        <span>{days.length} days ago</span>
        <span>
          <strong className="uptime-total">{formatPercent(overall)}</strong> uptime
        </span>
        <span>Today</span>
      </figcaption>
    </figure>
  );
}
