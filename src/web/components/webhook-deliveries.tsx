import { Fragment, useState } from 'react';
import { Link } from 'react-router';
import {
  WEBHOOK_DELIVERY_STATUSES,
  type WebhookDelivery,
  type WebhookDeliveryStatus,
} from '../../core/schemas/webhooks.js';
import { useDeliveries, useDelivery, useRetryDelivery } from '../api/webhooks.js';
import { ErrorBanner, Loading } from './form.js';
import { formatShortTime, formatTime, timeUntil } from './format.js';
import { DeliveryStatusBadge } from './webhook-parts.js';
import { ShowMore, useGrowingLimit } from './load-more.js';
import { DataTable } from './data-table.js';

const PAGE = 50;
const MAX_LIMIT = 200;
const TAB_LABELS: Record<WebhookDeliveryStatus, string> = {
  pending: 'Pending',
  sending: 'Sending',
  delivered: 'Delivered',
  dead: 'Dead',
};

/** A subscription's delivery log: newest first, by status, each with its attempts; retry by hand. */
export function WebhookDeliveries({ subscriptionId }: { subscriptionId: number }) {
  const [status, setStatus] = useState<WebhookDeliveryStatus | null>(null);
  const { limit, reset: resetLimit, moreFor } = useGrowingLimit(PAGE, MAX_LIMIT);
  const [openId, setOpenId] = useState<number | null>(null);
  const deliveries = useDeliveries(subscriptionId, status, limit);
  const retry = useRetryDelivery(subscriptionId);
  const items = deliveries.data?.items ?? [];

  return (
    <section className="card webhook-log" aria-label="Delivery log">
      <h2 className="card-title">Delivery log</h2>
      <nav className="tabs" aria-label="Delivery status">
        {[null, ...WEBHOOK_DELIVERY_STATUSES.filter((s) => s !== 'sending')].map((s) => (
          <button
            key={s ?? 'all'}
            type="button"
            className={s === status ? 'tab active' : 'tab'}
            aria-pressed={s === status}
            onClick={() => {
              setStatus(s);
              resetLimit();
            }}
          >
            {s ? TAB_LABELS[s] : 'All'}
          </button>
        ))}
      </nav>
      <ErrorBanner error={deliveries.error ?? retry.error} />
      {deliveries.isPending ? <Loading what="Loading deliveries" /> : null}
      {deliveries.isSuccess && items.length === 0 ? (
        <div className="empty">
          {status === 'dead'
            ? 'No dead deliveries: everything arrived or is still being tried.'
            : 'No deliveries yet. Send a test event, or change an incident.'}
        </div>
      ) : null}
      {items.length > 0 ? (
        <DataTable
          columns={['Event', 'Status', 'Attempts', 'Last result', 'When']}
          hasActions
          className="webhook-deliveries"
          isFlat
        >
          {items.map((d) => (
            <Fragment key={d.id}>
              <tr data-testid="delivery-row" data-status={d.status}>
                <td className="cell-main">
                  <code className="webhook-event">{d.eventType}</code>
                  {d.incident ? (
                    <Link to={`/incidents/${d.incident.ref}`} className="chip">
                      {d.incident.ref}
                    </Link>
                  ) : null}
                </td>
                <td data-label="Status">
                  <DeliveryStatusBadge status={d.status} />
                </td>
                <td data-label="Attempts">{d.attemptCount}</td>
                <td data-label="Last result" className="webhook-result">
                  <LastResult delivery={d} />
                </td>
                <td data-label="When" className="nowrap">
                  <When delivery={d} />
                </td>
                <td className="cell-actions">
                  <button
                    type="button"
                    className="button small ghost"
                    aria-expanded={openId === d.id}
                    onClick={() => setOpenId(openId === d.id ? null : d.id)}
                  >
                    {openId === d.id ? 'Hide' : 'Details'}
                  </button>
                  {d.status === 'dead' || d.status === 'delivered' ? (
                    <button
                      type="button"
                      className="button small"
                      disabled={retry.isPending}
                      aria-label={`${d.status === 'dead' ? 'Retry' : 'Redeliver'} delivery ${d.id}`}
                      onClick={() => retry.mutate(d.id)}
                    >
                      {d.status === 'dead' ? 'Retry' : 'Redeliver'}
                    </button>
                  ) : null}
                </td>
              </tr>
              {openId === d.id ? (
                <tr className="webhook-detail-row">
                  <td colSpan={6}>
                    <DeliveryDetail subscriptionId={subscriptionId} deliveryId={d.id} />
                  </td>
                </tr>
              ) : null}
            </Fragment>
          ))}
        </DataTable>
      ) : null}
      <ShowMore onShowMore={moreFor(items.length)} />
    </section>
  );
}

function LastResult({ delivery: d }: { delivery: WebhookDelivery }) {
  if (d.attemptCount === 0 && d.lastHttpStatus === null && d.lastError === null)
    return <span className="muted">Not tried yet</span>;
  return (
    <>
      {d.lastHttpStatus !== null ? <code className="webhook-http">HTTP {d.lastHttpStatus}</code> : null}
      {d.lastError && !d.lastError.startsWith(`HTTP ${d.lastHttpStatus ?? ''}`) ? (
        <span className="webhook-error">{d.lastError}</span>
      ) : null}
    </>
  );
}

function When({ delivery: d }: { delivery: WebhookDelivery }) {
  if (d.deliveredAt)
    return <span title={formatTime(d.deliveredAt)}>Delivered {formatShortTime(d.deliveredAt)}</span>;
  if (d.status === 'pending' && d.nextAttemptAt && d.attemptCount > 0)
    return <span title={formatTime(d.nextAttemptAt)}>Next try {timeUntil(d.nextAttemptAt)}</span>;
  return <span title={formatTime(d.createdAt)}>{formatShortTime(d.createdAt)}</span>;
}

/** Every attempt (time, HTTP status, duration, error, reply) and the payload sent. */
function DeliveryDetail({ subscriptionId, deliveryId }: { subscriptionId: number; deliveryId: number }) {
  const detail = useDelivery(subscriptionId, deliveryId);
  if (detail.isPending) return <Loading what="Loading attempts" />;
  if (detail.isError) return <ErrorBanner error={detail.error} />;
  const d = detail.data;
  return (
    <div className="webhook-detail">
      <p className="muted">
        Delivery <code>{d.deliveryId}</code> · event <code>{d.eventId}</code>
      </p>
      {d.attempts.length === 0 ? <p className="muted">No attempts yet.</p> : null}
      <ol className="webhook-attempts" reversed>
        {d.attempts.map((a) => (
          <li key={a.id} data-testid="delivery-attempt">
            <div className="webhook-attempt-head">
              <strong>Attempt {a.attempt}</strong>
              <span>{formatTime(a.at)}</span>
              {a.httpStatus !== null ? (
                <code className={a.error ? 'webhook-http bad' : 'webhook-http good'}>
                  HTTP {a.httpStatus}
                </code>
              ) : null}
              <span className="muted">{a.durationMs} ms</span>
              {a.error ? <span className="webhook-error">{a.error}</span> : null}
            </div>
            {a.responseBody ? (
              <pre className="webhook-body" aria-label={`Reply to attempt ${a.attempt}`}>
                {a.responseBody}
              </pre>
            ) : null}
          </li>
        ))}
      </ol>
      <details className="webhook-payload">
        <summary>Payload</summary>
        <pre className="webhook-body">{JSON.stringify(d.payload, null, 2)}</pre>
      </details>
    </div>
  );
}
