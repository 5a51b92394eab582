import type { ImportResult, ImportedIntegration } from '../../core/schemas/import.js';
import { CopyButton } from './copy.js';
import { DataTable } from './data-table.js';
import { formatTime, humanize } from './format.js';

/** Where senders of a Beacon integration of `type` post (the CLI prints the same). */
function newAddress(type: string, origin: string, key: string): string {
  switch (type) {
    case 'alertmanager':
      return `${origin}/integrations/alertmanager-webhook/${key}`;
    case 'pagerduty':
      return `${origin}/v2/enqueue`;
    case 'opsgenie':
      return `${origin}/v2/alerts`;
    case 'email':
      return `${origin}/integrations/email/${key}`;
    default:
      return `${origin}/api/v1/events`;
  }
}

/** How many items are created, updated and skipped. */
function counts(result: ImportResult) {
  const n = { create: 0, update: 0, skip: 0 };
  for (const item of result.items) n[item.action]++;
  return n;
}

/** The plan (or what an apply did): counts, every item with why, integrations and schedules. */
export function ImportReport({ result }: { result: ImportResult }) {
  const n = counts(result);
  const verb = result.applied ? ['created', 'updated', 'skipped'] : ['to create', 'to update', 'skipped'];
  return (
    <>
      <p className="import-counts" data-testid="import-counts">
        <strong>{n.create}</strong> {verb[0]}, <strong>{n.update}</strong> {verb[1]},{' '}
        <strong>{n.skip}</strong> {verb[2]}
        {result.applied ? null : <span className="muted"> — a dry run: nothing has changed yet.</span>}
      </p>
      <section className="card" aria-label="Plan">
        <h2 className="card-title">Plan</h2>
        <DataTable columns={['Action', 'Kind', 'Name', 'Why']} isFlat className="import-plan">
          {result.items.map((item) => (
            <tr
              key={`${item.kind}:${item.sourceId}`}
              data-testid="import-item"
              className={`is-${item.action}`}
            >
              <td data-label="Action">
                <span className={`badge import-${item.action}`}>{item.action}</span>
              </td>
              <td data-label="Kind">{humanize(item.kind.replace('_', ' '))}</td>
              <td className="cell-main">{item.name}</td>
              <td data-label="Why">{[item.reason, ...item.notes].filter(Boolean).join('; ') || '—'}</td>
            </tr>
          ))}
        </DataTable>
      </section>
      <IntegrationList integrations={result.integrations} />
      <ScheduleComparisons result={result} />
    </>
  );
}

function IntegrationList({ integrations }: { integrations: ImportedIntegration[] }) {
  if (integrations.length === 0) return null;
  return (
    <section className="card" aria-label="Integrations">
      <h2 className="card-title">Integrations</h2>
      <p className="muted">Point each sender at Beacon’s address and key once the import is applied.</p>
      <ul className="import-integrations">
        {integrations.map((i) => (
          <li key={i.sourceId} data-testid="import-integration">
            <strong>
              {i.service} / {i.name}
            </strong>{' '}
            <span className="muted">({i.sourceType})</span>
            <div className="import-old">
              Now: <code>{i.oldAddress ?? '?'}</code>
              {i.oldKey ? <span className="muted"> key {i.oldKey.slice(0, 8)}…</span> : null}
            </div>
            <NewIntegration integration={i} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function NewIntegration({ integration: i }: { integration: ImportedIntegration }) {
  if (i.beaconType === null)
    return <div className="muted">Not imported: Beacon takes no alerts in this format.</div>;
  if (i.beaconId === null)
    return <div>Beacon: a {i.beaconType} integration, made when applied (its key shown once then).</div>;
  if (i.key === null) {
    return (
      <div>
        Beacon: integration {i.beaconId}, imported earlier
        {i.keyPrefix ? ` (key beginning ${i.keyPrefix})` : ''}.
      </div>
    );
  }
  const address = newAddress(i.beaconType, window.location.origin, i.key);
  return (
    <div className="secret import-new" role="status">
      <p>
        <strong>Copy this key now</strong> — it is not stored and will not be shown again.
      </p>
      <div className="secret-row">
        <input
          readOnly
          aria-label={`New address of ${i.name}`}
          value={address}
          onFocus={(e) => e.target.select()}
        />
        <CopyButton text={address} what={`address of ${i.name}`} />
      </div>
      <div className="secret-row">
        <input
          readOnly
          aria-label={`New key of ${i.name}`}
          data-testid="import-new-key"
          value={i.key}
          onFocus={(e) => e.target.select()}
        />
        <CopyButton text={i.key} what={`key of ${i.name}`} />
      </div>
    </div>
  );
}

function ScheduleComparisons({ result }: { result: ImportResult }) {
  if (result.comparisons.length === 0) return null;
  return (
    <section className="card" aria-label="Schedules">
      <h2 className="card-title">Schedules, Beacon against the source</h2>
      <ul className="import-comparisons">
        {result.comparisons.map((c) => (
          <li key={c.sourceId} data-testid="import-comparison">
            <strong>{c.name}</strong>: {c.handoffs} handoffs from {formatTime(c.from)} to {formatTime(c.to)}
            {c.differences.length === 0 ? (
              <span className="ok-text">, the same person on call at every one.</span>
            ) : (
              <>
                , <strong>{c.differences.length} differences</strong>:
                <ul>
                  {c.differences.map((d) => (
                    <li key={d.at}>
                      {formatTime(d.at)}: source {d.source ?? 'nobody'}, Beacon {d.beacon ?? 'nobody'}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
