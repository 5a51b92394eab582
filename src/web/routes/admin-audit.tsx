import { ClippedText } from '../components/clipped-text.js';
import { useAudit } from '../api/access.js';
import { ErrorBanner, Loading } from '../components/form.js';
import { formatTime } from '../components/format.js';
import { LoadMore } from '../components/load-more.js';
import { DataTable } from '../components/data-table.js';

/** Admin: the audit log, newest first, with "load more". */
export function AuditPage() {
  const audit = useAudit();
  const entries = audit.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <div className="page-head">
        <h1>Audit log</h1>
      </div>
      <ErrorBanner error={audit.error} />
      {audit.isPending ? <Loading what="Loading audit log" /> : null}
      {audit.isSuccess && entries.length === 0 ? <div className="empty">Nothing recorded yet.</div> : null}
      {entries.length > 0 ? (
        <DataTable columns={['When', 'Who', 'Action', 'Target', 'Details']} className="audit">
          {entries.map((e) => (
            <tr key={e.id}>
              <td data-label="When" className="nowrap">
                {formatTime(e.at)}
              </td>
              <td data-label="Who">{e.actor ? e.actor.name || e.actor.email : 'Beacon'}</td>
              <td data-label="Action">
                <code>{e.action}</code>
              </td>
              <td data-label="Target">
                {e.targetType}
                {e.targetId ? ` #${e.targetId}` : ''}
              </td>
              <td data-label="Details" className="audit-data">
                {e.data ? <ClippedText text={JSON.stringify(e.data)} className="mono" /> : '—'}
              </td>
            </tr>
          ))}
        </DataTable>
      ) : null}
      <LoadMore pager={audit} />
    </>
  );
}
