import type {
  WebhookDeliveryStatus,
  WebhookEventType,
  WebhookSubscription,
  WebhookSubscriptionWithSecret,
} from '../../core/schemas/webhooks.js';
import { CopyButton } from './copy.js';
import { formatTime, timeAgo } from './format.js';
import { EVENT_LABELS } from './webhook-form.js';

const STATUS_LABELS: Record<WebhookDeliveryStatus, string> = {
  pending: 'Pending',
  sending: 'Sending',
  delivered: 'Delivered',
  dead: 'Dead',
};

/** Coloured pill of a delivery's status. */
export function DeliveryStatusBadge({ status }: { status: WebhookDeliveryStatus }) {
  return (
    <span className={`badge webhook-${status}`} data-testid="delivery-status">
      {STATUS_LABELS[status]}
    </span>
  );
}

/** Enabled or disabled pill of a subscription. */
export function EnabledBadge({ enabled }: { enabled: boolean }) {
  return enabled ? (
    <span className="badge status-resolved">
      <span className="dot" aria-hidden="true" />
      Enabled
    </span>
  ) : (
    <span className="badge webhook-disabled">Disabled</span>
  );
}

/** "All events" or the chosen ones. */
export function eventSummary(eventTypes: readonly WebhookEventType[] | null): string {
  if (eventTypes === null) return 'All events';
  return eventTypes.map((type) => EVENT_LABELS[type].replace(/ \(.*\)$/, '')).join(', ');
}

/** "All services" or the chosen ones by name. */
export function serviceSummary(serviceIds: readonly number[] | null, names: Map<number, string>): string {
  if (serviceIds === null) return 'All services';
  return serviceIds.map((id) => names.get(id) ?? `#${id} (deleted)`).join(', ');
}

/** The latest delivery's outcome and what is queued or dead. */
export function WebhookHealth({ subscription: w }: { subscription: WebhookSubscription }) {
  const last = w.lastDelivery;
  return (
    <span className="webhook-health">
      {last ? (
        <span title={formatTime(last.at)}>
          {last.status === 'delivered' ? (
            <span className="ok-text">✓ Delivered</span>
          ) : (
            <span className="webhook-failing">✗ Failing</span>
          )}{' '}
          {last.httpStatus !== null ? <code>{last.httpStatus}</code> : null} {timeAgo(last.at)}
        </span>
      ) : (
        <span className="muted">Nothing sent yet</span>
      )}
      {w.pendingCount > 0 ? <span className="badge webhook-pending">{w.pendingCount} queued</span> : null}
      {w.deadCount > 0 ? <span className="badge webhook-dead">{w.deadCount} dead</span> : null}
    </span>
  );
}

/** The signing secret of a new or rotated subscription, with a copy button. */
export function WebhookSecretNotice({
  subscription,
  onDone,
}: {
  subscription: WebhookSubscriptionWithSecret;
  onDone: () => void;
}) {
  return (
    <section className="card secret" aria-label="Signing secret">
      <h2 className="card-title">Signing secret</h2>
      <p>
        Requests to <code>{subscription.url}</code> carry <code>X-Beacon-Signature</code>, an HMAC-SHA256 made
        with this secret. Give it to the receiver so it can check that a request comes from Beacon. Admins can
        show it again on the subscription’s page.
      </p>
      <div className="secret-row">
        <input
          readOnly
          aria-label="Webhook signing secret"
          value={subscription.secret}
          onFocus={(e) => e.target.select()}
        />
        <CopyButton text={subscription.secret} what="signing secret" className="button primary" />
      </div>
      <button type="button" className="button ghost small" onClick={onDone}>
        Done
      </button>
    </section>
  );
}
