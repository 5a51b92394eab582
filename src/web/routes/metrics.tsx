import { useMemo, useState } from 'react';
import type { ReliabilityMetrics } from '../../core/schemas/metrics.js';
import { useServices, useTeams } from '../api/catalog.js';
import { type MetricsFilters, metricsCsvUrl, useMetrics } from '../api/metrics.js';
import { DataTable } from '../components/data-table.js';
import { ErrorBanner, Loading } from '../components/form.js';
import { TrendChart } from '../components/trend-chart.js';

const DAY_MS = 86_400_000;
const MEASURES = [
  { key: 'detect', name: 'Time to detect', short: 'MTTD', pair: 'started → detected' },
  { key: 'acknowledge', name: 'Time to acknowledge', short: 'MTTA', pair: 'detected → acknowledged' },
  { key: 'mitigate', name: 'Time to mitigate', short: 'MTTM', pair: 'detected → mitigated' },
  { key: 'resolve', name: 'Time to resolve', short: 'MTTR', pair: 'detected → resolved' },
] as const;

function dateDaysAgo(days: number): string {
  return new Date(Date.now() - days * DAY_MS).toISOString().slice(0, 10);
}

/** A duration in the largest units that read well: 45 s, 12 min, 3 h 20 min, 2 d 4 h. */
export function formatDuration(ms: number | null): string {
  if (ms === null) return '—';
  const minutes = Math.round(ms / 60_000);
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}

/** Reliability metrics: response times, counts, weekly trends and on-call load, with filters and CSV. */
export function MetricsPage() {
  const [filters, setFilters] = useState<MetricsFilters>({
    from: dateDaysAgo(83),
    to: dateDaysAgo(0),
    service: '',
    team: '',
    severity: '',
  });
  const metrics = useMetrics(filters);
  const services = useServices();
  const teams = useTeams();
  const set = (key: keyof MetricsFilters) => (event: { target: { value: string } }) =>
    setFilters((current) => ({
      ...current,
      [key]: event.target.value,
      // The API takes a service or a team: choosing one clears the other.
      ...(key === 'service' && event.target.value ? { team: '' } : {}),
      ...(key === 'team' && event.target.value ? { service: '' } : {}),
    }));

  return (
    <>
      <div className="page-head">
        <h1>Metrics</h1>
        <a className="button" href={metricsCsvUrl(filters)} download>
          Download CSV
        </a>
      </div>
      <form
        className="metrics-filters"
        onSubmit={(event) => event.preventDefault()}
        aria-label="Metrics filters"
      >
        <label>
          From
          <input type="date" value={filters.from} max={filters.to} onChange={set('from')} required />
        </label>
        <label>
          To
          <input type="date" value={filters.to} min={filters.from} onChange={set('to')} required />
        </label>
        <label>
          Team
          <select aria-label="Team" value={filters.team} onChange={set('team')}>
            <option value="">All teams</option>
            {teams.data?.map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Service
          <select aria-label="Service" value={filters.service} onChange={set('service')}>
            <option value="">All services</option>
            {services.data?.map((service) => (
              <option key={service.id} value={service.id}>
                {service.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Severity
          <select aria-label="Severity" value={filters.severity} onChange={set('severity')}>
            <option value="">All severities</option>
            {['SEV1', 'SEV2', 'SEV3', 'SEV4'].map((severity) => (
              <option key={severity}>{severity}</option>
            ))}
          </select>
        </label>
      </form>
      <ErrorBanner error={metrics.error} />
      {metrics.isPending ? <Loading what="Loading metrics" /> : null}
      {metrics.data ? <MetricsReport metrics={metrics.data} /> : null}
    </>
  );
}

function MetricsReport({ metrics }: { metrics: ReliabilityMetrics }) {
  const labels = useMemo(() => metrics.weekly.map((week) => week.weekStart.slice(5)), [metrics]);
  const countSeries = useMemo(
    () => [{ label: 'Incidents', values: metrics.weekly.map((week) => week.incidents), color: '#4f6bed' }],
    [metrics],
  );
  const timeSeries = useMemo(() => {
    const minutes = (ms: number | null) => (ms === null ? null : Math.round(ms / 6_000) / 10);
    return [
      {
        label: 'MTTA (median)',
        values: metrics.weekly.map((w) => minutes(w.medians.acknowledge)),
        color: '#d97706',
      },
      {
        label: 'MTTM (median)',
        values: metrics.weekly.map((w) => minutes(w.medians.mitigate)),
        color: '#0d9488',
      },
      {
        label: 'MTTR (median)',
        values: metrics.weekly.map((w) => minutes(w.medians.resolve)),
        color: '#dc2626',
      },
    ];
  }, [metrics]);
  return (
    <>
      <p className="muted metrics-period">
        {metrics.incidents} incidents from {metrics.period.from} to {metrics.period.to} (UTC days; merged,
        declined and triage incidents left out)
        {metrics.asOf ? `; as of ${new Date(metrics.asOf).toLocaleTimeString()}` : ''}.
      </p>
      <div className="metric-cards">
        {MEASURES.map((measure) => {
          const summary = metrics.durations[measure.key];
          return (
            <section key={measure.key} className="card metric-card" aria-label={measure.name}>
              <h2 className="card-title">
                {measure.short} <span className="muted">{measure.name.toLowerCase()}</span>
              </h2>
              <div className="metric-value">{formatDuration(summary.medianMs)}</div>
              <div className="muted">
                p90 {formatDuration(summary.p90Ms)} · {summary.count} incidents · {measure.pair}
              </div>
            </section>
          );
        })}
      </div>
      <div className="metric-charts">
        <section className="card">
          <h2 className="card-title">Incidents per week</h2>
          <TrendChart
            kind="bar"
            labels={labels}
            series={countSeries}
            unit="incidents"
            ariaLabel="Incidents per week"
          />
        </section>
        <section className="card">
          <h2 className="card-title">Response times per week</h2>
          <TrendChart
            kind="line"
            labels={labels}
            series={timeSeries}
            unit="minutes"
            ariaLabel="Median times to acknowledge, mitigate and resolve per week"
          />
        </section>
      </div>
      <div className="metric-tables">
        <CountTable title="By severity" rows={metrics.bySeverity.map((r) => [r.severity, r.incidents])} />
        <CountTable
          title="By category"
          rows={metrics.byCategory.map((r) => [r.category ?? 'No category', r.incidents])}
        />
        <CountTable title="By service" rows={metrics.byService.map((r) => [r.name, r.incidents])} />
        <CountTable title="By team" rows={metrics.byTeam.map((r) => [r.name, r.incidents])} />
      </div>
      <section className="card">
        <h2 className="card-title">On-call load</h2>
        <p className="muted">
          Out of hours: outside Monday–Friday 09:00–18:00; sleep: 22:00–07:00 (quarter hours with a page), in
          each person&apos;s time zone.
        </p>
        {metrics.oncall.length === 0 ? (
          <div className="empty">Nobody was paged in this period.</div>
        ) : (
          <DataTable columns={['Person', 'Time zone', 'Pages', 'Out of hours', 'Sleep interruptions']}>
            {metrics.oncall.map((person) => (
              <tr key={person.user.id}>
                <td className="cell-main">{person.user.name}</td>
                <td data-label="Time zone">{person.timeZone}</td>
                <td data-label="Pages">{person.pages}</td>
                <td data-label="Out of hours">{person.outOfHoursPages}</td>
                <td data-label="Sleep interruptions">{person.sleepInterruptions}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
      {metrics.followUps ? <FollowUpCard figures={metrics.followUps} /> : null}
    </>
  );
}

function FollowUpCard({ figures }: { figures: NonNullable<ReliabilityMetrics['followUps']> }) {
  const states: Array<[string, number]> = [
    ['Open', figures.byState.open],
    ['In progress', figures.byState.inProgress],
    ['Done', figures.byState.done],
    ["Won't do", figures.byState.wontDo],
  ];
  return (
    <section className="card" aria-label="Follow-up actions">
      <h2 className="card-title">Follow-up actions due in the period</h2>
      <p>
        {figures.done} of {figures.total} done ({percent(figures.completionRate)}), {figures.overdue} overdue
        ({percent(figures.overdueRate)}). Won&apos;t do is left out of both rates.
      </p>
      <DataTable columns={['State', 'Follow-ups']}>
        {states.map(([state, count]) => (
          <tr key={state}>
            <td className="cell-main">{state}</td>
            <td data-label="Follow-ups">{count}</td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}

function percent(rate: number | null): string {
  return rate === null ? '—' : `${Math.round(rate * 100)} %`;
}

function CountTable({ title, rows }: { title: string; rows: Array<[string, number]> }) {
  return (
    <section className="card" aria-label={title}>
      <h2 className="card-title">{title}</h2>
      {rows.length === 0 ? (
        <div className="empty">None.</div>
      ) : (
        <DataTable columns={['Name', 'Incidents']}>
          {rows.map(([name, count]) => (
            <tr key={name}>
              <td className="cell-main">{name}</td>
              <td data-label="Incidents">{count}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}
