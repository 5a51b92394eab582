import { Link, useSearchParams } from 'react-router';
import type { OutboxCancelReason } from '../../core/oncall/escalation-reason.js';
import { OUTBOX_STATUSES, type OutboxItem } from '../../core/schemas/oncall.js';
import { useUsers } from '../api/catalog.js';
import { type OutboxStatus, useOutbox, useRetryNotification } from '../api/paging.js';
import { ErrorBanner, Loading } from '../components/form.js';
import { formatShortTime, formatTime, humanize, timeUntil } from '../components/format.js';
import { DataTable } from '../components/data-table.js';
import '../styles/paging.css';
import { ShowMore, useGrowingLimit } from '../components/load-more.js';

const STATUS_LABELS: Record<OutboxStatus, string> = {
  pending: 'Pending',
  sending: 'Sending',
  sent: 'Sent',
  dead: 'Dead',
  cancelled: 'Cancelled',
};

const CHANNEL_LABELS: Record<string, string> = {
  email: 'Email',
  webhook: 'Webhook',
  slack: 'Slack',
  teams: 'Teams',
};

const PAGE = 50;
const MAX_LIMIT = 200;

/** Admin: the notification outbox, newest first, with dead letters to send again. */
export function AdminNotificationsPage() {
  const [params] = useSearchParams();
  const raw = params.get('status');
  const status = OUTBOX_STATUSES.find((s) => s === raw) ?? null;
  const { limit, reset: resetLimit, moreFor } = useGrowingLimit(PAGE, MAX_LIMIT);
  const outbox = useOutbox(status, limit);
  const items = outbox.data ?? [];

  return (
    <>
      <div className="page-head">
        <h1>Notifications</h1>
      </div>
      <p className="muted">
        Every page Beacon sends goes through this outbox. Failed sends are retried with backoff; after the
        sixth failed attempt a message is <strong>dead</strong> and waits here to be sent again.
      </p>
      <nav className="tabs" aria-label="Status">
        {[null, ...OUTBOX_STATUSES].map((s) => (
          <Link
            key={s ?? 'all'}
            to={{ search: s ? `?status=${s}` : '' }}
            replace
            className={s === status ? 'tab active' : 'tab'}
            aria-current={s === status ? 'page' : undefined}
            onClick={resetLimit}
          >
            {s ? STATUS_LABELS[s] : 'All'}
          </Link>
        ))}
      </nav>
      <ErrorBanner error={outbox.error} />
      {outbox.isPending ? <Loading what="Loading notifications" /> : null}
      {outbox.isSuccess && items.length === 0 ? (
        <div className="empty">
          {status === 'dead'
            ? 'No dead letters: every message was delivered or is still being tried.'
            : 'No notifications here yet.'}
        </div>
      ) : null}
      {items.length > 0 ? <OutboxTable items={items} /> : null}
      <ShowMore onShowMore={moreFor(items.length)} />
    </>
  );
}

function OutboxTable({ items }: { items: OutboxItem[] }) {
  const users = useUsers();
  const retry = useRetryNotification();
  const names = new Map((users.data ?? []).map((u) => [u.id, u.name || u.email]));
  return (
    <>
      <ErrorBanner error={retry.error} />
      <DataTable
        columns={['To', 'Incidents', 'Status', 'Attempts', 'When', 'Last error']}
        hasActions
        className="outbox-table"
      >
        {items.map((item) => (
          <tr key={item.id} data-testid="outbox-row" data-status={item.status}>
            <td className="cell-main">
              <strong>
                {item.userId !== null ? (names.get(item.userId) ?? `User ${item.userId}`) : '—'}
              </strong>
              <span className="sub">
                {CHANNEL_LABELS[item.channel] ?? item.channel} ·{' '}
                <span className="outbox-address">{item.address}</span>
              </span>
            </td>
            <td data-label="Incidents">
              {item.kind !== 'page' ? <span className="muted outbox-kind">{humanize(item.kind)}</span> : null}
              {item.incidentRefs.map((ref) => (
                <Link key={ref} to={`/incidents/${ref}`} className="chip">
                  {ref}
                </Link>
              ))}
            </td>
            <td data-label="Status">
              <span className={`badge outbox-${item.status}`}>{STATUS_LABELS[item.status]}</span>
            </td>
            <td data-label="Attempts">{item.attempts}</td>
            <td data-label="When" className="nowrap">
              <When item={item} />
            </td>
            <td data-label="Last error" className="outbox-error">
              {item.cancelReason ? (
                <span className="outbox-cancel-reason">{CANCEL_REASONS[item.cancelReason]}</span>
              ) : (
                (item.lastError ?? <span className="muted">—</span>)
              )}
            </td>
            <td className="cell-actions">
              {item.status === 'dead' ? (
                <button
                  type="button"
                  className="button small"
                  disabled={retry.isPending}
                  aria-label={`Retry notification ${item.id}`}
                  onClick={() => retry.mutate(item.id)}
                >
                  Retry
                </button>
              ) : null}
            </td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}

/** Why a cancelled message was not sent, as the outbox says it. */
const CANCEL_REASONS: Record<OutboxCancelReason, string> = {
  acknowledged: 'Not sent: the incident was acknowledged first',
  not_triggered: 'Not sent: the incident was no longer triggered',
  resolved: 'Not sent: the incident was resolved first',
  closed: 'Not sent: the incident was closed first',
  declined: 'Not sent: the incident was declined',
  merged: 'Not sent: the incident was merged into another',
  deleted: 'Not sent: the incident no longer exists',
};

/** Sent: when; pending: when the next attempt is due; otherwise when it was queued. */
function When({ item }: { item: OutboxItem }) {
  if (item.sentAt) return <span title={formatTime(item.sentAt)}>Sent {formatShortTime(item.sentAt)}</span>;
  if (item.status === 'pending')
    return <span title={formatTime(item.nextAttemptAt)}>Next try {nextTry(item.nextAttemptAt)}</span>;
  return <span title={formatTime(item.createdAt)}>Queued {formatShortTime(item.createdAt)}</span>;
}

/** "in 25s" under a minute (retries start at 30 s), else the usual "in 4m". */
function nextTry(iso: string): string {
  const seconds = Math.round((new Date(iso).getTime() - Date.now()) / 1000);
  if (seconds <= 0) return 'now';
  return seconds < 60 ? `in ${seconds}s` : timeUntil(iso);
}
