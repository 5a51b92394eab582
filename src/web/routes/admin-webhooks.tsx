import { useState } from 'react';
import { Link } from 'react-router';
import type { WebhookSubscription, WebhookSubscriptionWithSecret } from '../../core/schemas/webhooks.js';
import { useServices } from '../api/catalog.js';
import { useCreateWebhook, useWebhooks } from '../api/webhooks.js';
import { ErrorBanner, Loading } from '../components/form.js';
import { WebhookForm } from '../components/webhook-form.js';
import {
  WebhookHealth,
  WebhookSecretNotice,
  eventSummary,
  serviceSummary,
} from '../components/webhook-parts.js';
import { DataTable } from '../components/data-table.js';
import '../styles/webhooks.css';

/** Admin: outbound webhook subscriptions for incident events; create one, open one. */
export function AdminWebhooksPage() {
  const webhooks = useWebhooks();
  const [isCreating, setCreating] = useState(false);
  const [created, setCreated] = useState<WebhookSubscriptionWithSecret | null>(null);
  const items = webhooks.data ?? [];

  return (
    <>
      <div className="page-head">
        <h1>Webhooks</h1>
        {!isCreating ? (
          <button
            type="button"
            className="button primary"
            onClick={() => {
              setCreating(true);
              setCreated(null);
            }}
          >
            New subscription
          </button>
        ) : null}
      </div>
      <p className="muted webhook-intro">
        Beacon POSTs signed JSON to these URLs when an incident is triggered, acknowledged, changes status, is
        resolved, closed, reopened or merged, and when an update is posted. Failed deliveries are retried for
        about 11 hours; each attempt is in the subscription’s delivery log.
      </p>
      {isCreating ? (
        <NewWebhook
          onCreated={(subscription) => {
            setCreating(false);
            setCreated(subscription);
          }}
          onCancel={() => setCreating(false)}
        />
      ) : null}
      {created ? <WebhookSecretNotice subscription={created} onDone={() => setCreated(null)} /> : null}
      <ErrorBanner error={webhooks.error} />
      {webhooks.isPending ? <Loading what="Loading webhooks" /> : null}
      {webhooks.isSuccess && items.length === 0 && !isCreating ? (
        <div className="empty">
          No subscriptions yet. Add one to send incident events to a ticketing system, a chat bot or your own
          automation.
        </div>
      ) : null}
      {items.length > 0 ? <WebhookTable items={items} /> : null}
    </>
  );
}

function NewWebhook({
  onCreated,
  onCancel,
}: {
  onCreated: (subscription: WebhookSubscriptionWithSecret) => void;
  onCancel: () => void;
}) {
  const create = useCreateWebhook();
  return (
    <section className="card" aria-label="New subscription">
      <h2 className="card-title">New subscription</h2>
      <WebhookForm
        error={create.error}
        isPending={create.isPending}
        submitLabel="Create subscription"
        onSubmit={(values) => create.mutate(values, { onSuccess: onCreated })}
        onCancel={onCancel}
      />
    </section>
  );
}

function WebhookTable({ items }: { items: WebhookSubscription[] }) {
  const services = useServices();
  const names = new Map((services.data ?? []).map((s) => [s.id, s.name]));
  return (
    <DataTable columns={['Endpoint', 'Events', 'Services', 'Deliveries']} className="webhook-table">
      {items.map((w) => (
        <tr key={w.id} data-testid="webhook-row" className={w.enabled ? undefined : 'is-disabled'}>
          <td className="cell-main">
            <Link to={`/admin/webhooks/${w.id}`} className="webhook-url">
              {w.url}
            </Link>
            <span className="sub">
              {w.description || 'No description'}
              {w.enabled ? null : <span className="badge outbox-cancelled webhook-off">Disabled</span>}
            </span>
          </td>
          <td data-label="Events">{eventSummary(w.eventTypes)}</td>
          <td data-label="Services">{serviceSummary(w.serviceIds, names)}</td>
          <td data-label="Deliveries">
            <WebhookHealth subscription={w} />
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
