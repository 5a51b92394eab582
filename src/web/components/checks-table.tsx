import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { deleteCheck, updateCheck, useCheckResults, useCheckUptime, type Check } from '../api/checks.js';
import { useWrite } from '../api/catalog.js';
import { CheckStatusBadge } from './badges.js';
import { LatencyChart, UptimeBars, formatLatency } from './check-charts.js';
import { checkTarget, checkTypeLabel } from './check-form.js';
import { ErrorBanner } from './form.js';
import { usePendingValues } from './optimistic.js';
import { formatTime, timeAgo } from './format.js';
import { DataTable } from './data-table.js';
import { DeleteButton } from './delete-button.js';

/** Pause or resume, and delete, one check. */
export function CheckWriteActions({ check, onDeleted }: { check: Check; onDeleted?: () => void }) {
  const update = useWrite(updateCheck, ['checks']);
  const paused = usePendingValues<boolean>();
  const client = useQueryClient();
  // Drop it from the cached lists at once; refetch only the lists (its own results would 404).
  const remove = useMutation({
    mutationFn: deleteCheck,
    onSuccess: (_, id) => {
      client.setQueriesData<Check[]>({ queryKey: ['checks', 'list'] }, (old) =>
        old?.filter((c) => c.id !== id),
      );
      void client.invalidateQueries({ queryKey: ['checks', 'list'] });
    },
  });
  const isPaused = paused.valueOf('paused', check.status === 'paused');
  const onDelete = () => {
    if (window.confirm(`Delete the check “${check.name}” and its results?`))
      remove.mutate(check.id, onDeleted ? { onSuccess: onDeleted } : {});
  };
  return (
    <>
      <span className="toolbar">
        <button
          type="button"
          className="button small"
          aria-busy={paused.isPending('paused')}
          onClick={() =>
            paused.change('paused', !isPaused, (value, settle) =>
              update.mutate({ id: check.id, paused: value }, settle),
            )
          }
        >
          {isPaused ? 'Resume' : 'Pause'}
        </button>
        <DeleteButton onClick={onDelete} isPending={remove.isPending} isSmall />
      </span>
      {update.error || remove.error ? <ErrorBanner error={update.error ?? remove.error} /> : null}
    </>
  );
}

/** The sparkline and uptime cells of one check (each row loads its own results). */
function CheckRow({
  check,
  showService,
  canWrite,
}: {
  check: Check;
  showService: boolean;
  canWrite: boolean;
}) {
  const results = useCheckResults(check.id, check.lastCheckedAt);
  const uptime = useCheckUptime(check.id);
  return (
    <tr data-testid="check-row" className={check.status === 'paused' ? 'is-disabled' : undefined}>
      <td className="cell-main">
        <Link to={`/checks/${check.id}`} className="strong-link">
          {check.name}
        </Link>
        <span className="sub" title={checkTypeLabel(check.type)}>
          <span className="chip tag">{check.type}</span> {checkTarget(check)}
        </span>
        {showService ? (
          <span className="sub">
            <Link to={`/services/${check.service.id}`}>{check.service.name}</Link>
          </span>
        ) : null}
      </td>
      <td data-label="Status" className="cell-badge">
        <CheckStatusBadge status={check.status} />
      </td>
      <td data-label="Latency" className="cell-latency">
        <span className="latency-cell">
          <span className="latency-now">{formatLatency(check.lastLatencyMs)}</span>
          {results.data ? <LatencyChart results={results.data} compact /> : null}
        </span>
      </td>
      <td data-label="30 days" className="cell-uptime">
        {uptime.data ? <UptimeBars days={uptime.data} compact /> : <span className="muted">—</span>}
      </td>
      <td
        data-label="Last run"
        title={check.lastMessage ? `${formatTime(check.lastCheckedAt)}: ${check.lastMessage}` : undefined}
      >
        {check.lastCheckedAt ? timeAgo(check.lastCheckedAt) : <span className="muted">never</span>}
      </td>
      {canWrite ? (
        <td className="cell-actions">
          <CheckWriteActions check={check} />
        </td>
      ) : null}
    </tr>
  );
}

/** Checks with status, latest latency, a latency sparkline and 30-day uptime bars. */
export function ChecksTable({
  checks,
  showService,
  canWrite,
}: {
  checks: readonly Check[];
  showService: boolean;
  canWrite: boolean;
}) {
  return (
    <DataTable
      columns={['Check', 'Status', 'Latency', 'Uptime, 30 days', 'Last run']}
      hasActions={canWrite}
      className="checks-table"
    >
      {checks.map((check) => (
        <CheckRow key={check.id} check={check} showService={showService} canWrite={canWrite} />
      ))}
    </DataTable>
  );
}
