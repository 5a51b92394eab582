import type { StatusComponentView, UptimeDay } from './snapshot.js';

/** Fill of a day's bar by its uptime; the day's text (in the bar's title) says the same in words. */
function dayColor(day: UptimeDay): string {
  if (day.uptime === null) return '#b8c0c8';
  if (day.majorOutageMs > 0 || day.uptime < 0.95) return '#c62828';
  if (day.partialOutageMs > 0 || day.uptime < 0.999) return '#e07b00';
  return '#2e7d32';
}

function dayText(day: UptimeDay): string {
  if (day.uptime === null) return `${day.date}: no data`;
  const outages: string[] = [];
  if (day.majorOutageMs > 0) outages.push(`major outage ${Math.round(day.majorOutageMs / 60_000)} min`);
  if (day.partialOutageMs > 0) outages.push(`partial outage ${Math.round(day.partialOutageMs / 60_000)} min`);
  return `${day.date}: ${formatPercent(day.uptime)} uptime${outages.length ? `, ${outages.join(', ')}` : ''}`;
}

/** `0.99912` → `99.91%` (never rounded up to 100% while there was downtime). */
export function formatPercent(share: number): string {
  const hundredths = Math.floor(share * 10_000) / 100;
  return `${hundredths.toFixed(2)}%`;
}

/** Uptime over the measured days of the bar, or null when none was measured. */
export function overallUptime(days: readonly UptimeDay[]): number | null {
  const measured = days.filter((d) => d.uptime !== null);
  if (measured.length === 0) return null;
  return measured.reduce((sum, d) => sum + (d.uptime ?? 0), 0) / measured.length;
}

/**
 * The 90-day bar as inline SVG: one rect per day with its text as a `<title>`, and the whole
 * described in words beside it, so nothing depends on colour or on a pointer.
 * `escape` is the page's HTML escaper (dates are ours, but the component name is not).
 */
export function uptimeBarSvg(component: StatusComponentView, escape: (text: string) => string): string {
  const days = component.uptime;
  if (days.length === 0) return '';
  const width = 4;
  const gap = 1;
  const rects = days
    .map(
      (day, i) =>
        `<rect x="${i * (width + gap)}" y="0" width="${width}" height="28" rx="1" fill="${dayColor(day)}"><title>${escape(dayText(day))}</title></rect>`,
    )
    .join('');
  const total = overallUptime(days);
  const summary = total === null ? 'no data yet' : `${formatPercent(total)} uptime`;
  const viewWidth = days.length * (width + gap) - gap;
  return `<div class="uptime"><svg viewBox="0 0 ${viewWidth} 28" preserveAspectRatio="none" role="img" aria-label="${escape(
    `${component.name}: uptime over the last ${days.length} days, ${summary}`,
  )}">${rects}</svg><p class="uptime-legend"><span>${days.length} days ago</span><span>${escape(summary)}</span><span>Today</span></p></div>`;
}
