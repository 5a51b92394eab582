import type { IncidentDelivery } from '../../core/schemas/delivery.js';
import { useIncidentDeliveries } from '../api/delivery.js';
import { ErrorBanner } from './form.js';
import { formatShortTime, formatTime, timeUntil } from './format.js';
import { useNow } from './use-now.js';

const STATUS_LABELS: Record<IncidentDelivery['status'], string> = {
  pending: 'Waiting',
  sending: 'Sending',
  sent: 'Delivered',
  dead: 'Failed',
  cancelled: 'Cancelled',
};

const CHANNEL_LABELS: Record<string, string> = {
  email: 'Email',
  webhook: 'Webhook',
  slack: 'Slack',
  teams: 'Microsoft Teams',
};

/** Each message sent about the incident: to whom, how, and whether it arrived or why not. */
export function IncidentDeliveries({ incidentRef }: { incidentRef: string }) {
  const deliveries = useIncidentDeliveries(incidentRef);
  const items = deliveries.data ?? [];
  const failing = items.filter((d) => d.lastError !== null && d.status !== 'sent').length;
  if (items.length === 0 && !deliveries.error) return null;
  return (
    <div className="deliveries" data-testid="incident-deliveries">
      <h3>
        Messages
        {failing > 0 ? (
          <span className="badge outbox-dead">{failing === 1 ? '1 failing' : `${failing} failing`}</span>
        ) : null}
      </h3>
      <ErrorBanner error={deliveries.error} />
      <ul className="delivery-list">
        {items.map((d) => (
          <DeliveryRow key={d.id} delivery={d} />
        ))}
      </ul>
    </div>
  );
}

function DeliveryRow({ delivery: d }: { delivery: IncidentDelivery }) {
  const now = useNow(15_000);
  const isFailing = d.lastError !== null && d.status !== 'sent';
  return (
    <li className={isFailing ? 'delivery delivery-failing' : 'delivery'} data-testid="delivery">
      <span className={`badge outbox-${d.status === 'pending' && d.lastError ? 'dead' : d.status}`}>
        {d.status === 'pending' && d.lastError ? 'Retrying' : STATUS_LABELS[d.status]}
      </span>
      <span className="delivery-main">
        <span>
          <strong>{d.recipient}</strong> · {CHANNEL_LABELS[d.channel] ?? d.channel}{' '}
          <span className="muted">({d.method})</span>
        </span>
        {d.lastError && d.status !== 'sent' ? (
          <span className="delivery-error" data-testid="delivery-error">
            {d.lastError}
          </span>
        ) : null}
        <span className="muted delivery-when">
          {d.status === 'sent' ? (
            <>Delivered {formatShortTime(d.sentAt)}</>
          ) : d.status === 'dead' ? (
            <>
              Gave up after {d.attempts} {d.attempts === 1 ? 'attempt' : 'attempts'}
            </>
          ) : d.nextAttemptAt ? (
            <>
              {d.attempts > 0 ? `Attempt ${d.attempts} of ${d.maxAttempts} failed · next try ` : 'Sends '}
              <time
                dateTime={d.nextAttemptAt}
                title={formatTime(d.nextAttemptAt)}
                data-testid="delivery-next"
              >
                {soon(d.nextAttemptAt, now)} ({formatShortTime(d.nextAttemptAt)})
              </time>
            </>
          ) : null}
        </span>
      </span>
    </li>
  );
}

/** "in 30s" for the first retries (seconds apart), else the usual "in 4m". */
function soon(iso: string, now: number): string {
  const seconds = Math.round((Date.parse(iso) - now) / 1000);
  if (seconds <= 0) return 'now';
  return seconds < 90 ? `in ${seconds}s` : timeUntil(iso, now);
}
