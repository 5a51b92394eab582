import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { WebhookSubscription, WebhookSubscriptionWithSecret } from '../../core/schemas/webhooks.js';
import { useServices } from '../api/catalog.js';
import {
  useDeleteWebhook,
  useRevealSecret,
  useRotateSecret,
  useSendTestEvent,
  useUpdateWebhook,
  useWebhook,
} from '../api/webhooks.js';
import { CopyButton } from '../components/copy.js';
import { ErrorBanner } from '../components/form.js';
import { usePendingValues } from '../components/optimistic.js';
import { formatTime } from '../components/format.js';
import { WebhookDeliveries } from '../components/webhook-deliveries.js';
import { WebhookForm } from '../components/webhook-form.js';
import {
  EnabledBadge,
  WebhookHealth,
  WebhookSecretNotice,
  eventSummary,
  serviceSummary,
} from '../components/webhook-parts.js';
import { DeleteButton } from '../components/delete-button.js';
import { RecordHeader } from '../components/record-header.js';
import { RecordStatus } from '../components/record-status.js';
import '../styles/webhooks.css';

/** Admin: one subscription — its settings, signing secret, test event and delivery log. */
export function AdminWebhookPage() {
  const raw = useParams()['id'] ?? '';
  const id = /^\d+$/.test(raw) ? Number(raw) : null;
  const webhook = useWebhook(id);
  const crumbs = (
    <p className="crumbs">
      <Link to="/admin/webhooks">Webhooks</Link>
      {webhook.data ? (
        <>
          {' '}
          <span aria-hidden="true">/</span> {webhook.data.description || webhook.data.url}
        </>
      ) : null}
    </p>
  );
  if (id === null || !webhook.isSuccess) {
    return (
      <RecordStatus
        crumbs={crumbs}
        missing={id === null ? <>No webhook “{raw}”.</> : null}
        query={webhook}
        loadingText="Loading webhook"
      />
    );
  }
  return (
    <div className="webhook-page">
      {crumbs}
      <Subscription subscription={webhook.data} />
      <SecretCard id={webhook.data.id} />
      <WebhookDeliveries subscriptionId={webhook.data.id} />
    </div>
  );
}

function Subscription({ subscription: w }: { subscription: WebhookSubscription }) {
  const services = useServices();
  const names = new Map((services.data ?? []).map((s) => [s.id, s.name]));
  const update = useUpdateWebhook(w.id);
  const enabled = usePendingValues<boolean>();
  const isEnabled = enabled.valueOf('enabled', w.enabled);
  const remove = useDeleteWebhook();
  const test = useSendTestEvent(w.id);
  const navigate = useNavigate();
  const [isEditing, setEditing] = useState(false);
  const onDelete = () => {
    if (!window.confirm(`Delete the subscription to ${w.url}? Queued deliveries and the log go with it.`))
      return;
    remove.mutate(w.id, { onSuccess: () => void navigate('/admin/webhooks') });
  };

  return (
    <>
      <RecordHeader
        title={w.description || 'Webhook'}
        titleClassName="webhook-title"
        subtitle={<EnabledBadge enabled={isEnabled} />}
        error={test.error ?? remove.error ?? (isEditing ? null : update.error)}
        actions={
          <div className="toolbar">
            <button type="button" className="button" disabled={test.isPending} onClick={() => test.mutate()}>
              {test.isPending ? 'Sending…' : 'Send test event'}
            </button>
            <button
              type="button"
              className="button"
              onClick={() => setEditing(!isEditing)}
              aria-expanded={isEditing}
            >
              Edit
            </button>
            <button
              type="button"
              className="button"
              aria-busy={enabled.isPending('enabled')}
              onClick={() =>
                enabled.change('enabled', !isEnabled, (value, settle) =>
                  update.mutate({ enabled: value }, settle),
                )
              }
            >
              {isEnabled ? 'Disable' : 'Enable'}
            </button>
            <DeleteButton onClick={onDelete} />
          </div>
        }
      />
      {test.isSuccess ? (
        <div className="alert alert-ok" role="status">
          Test event queued; it shows in the delivery log below within a few seconds.
        </div>
      ) : null}
      {isEditing ? (
        <section className="card" aria-label="Edit subscription">
          <h2 className="card-title">Edit subscription</h2>
          <WebhookForm
            initial={w}
            error={update.error}
            isPending={update.isPending}
            submitLabel="Save changes"
            onSubmit={(values) => update.mutate(values, { onSuccess: () => setEditing(false) })}
            onCancel={() => setEditing(false)}
          />
        </section>
      ) : (
        <section className="card webhook-summary" aria-label="Subscription">
          <dl className="webhook-facts">
            <dt>Endpoint</dt>
            <dd>
              <code className="webhook-url">{w.url}</code>
            </dd>
            <dt>Events</dt>
            <dd>{eventSummary(w.eventTypes)}</dd>
            <dt>Services</dt>
            <dd>{serviceSummary(w.serviceIds, names)}</dd>
            <dt>Deliveries</dt>
            <dd>
              <WebhookHealth subscription={w} />
            </dd>
            <dt>Created</dt>
            <dd>{formatTime(w.createdAt)}</dd>
          </dl>
          {!w.enabled ? (
            <p className="muted">
              Disabled: changes made now send nothing. Test events still go, so you can try the receiver
              first.
            </p>
          ) : null}
        </section>
      )}
    </>
  );
}

/** The signing secret: hidden until asked for (each look is audited), copy, rotate. */
function SecretCard({ id }: { id: number }) {
  const reveal = useRevealSecret(id);
  const rotate = useRotateSecret(id);
  const [rotated, setRotated] = useState<WebhookSubscriptionWithSecret | null>(null);
  const secret = rotated?.secret ?? reveal.data?.secret ?? null;
  const onRotate = () => {
    if (
      !window.confirm(
        'Replace the signing secret? Receivers checking the old one refuse deliveries from now on.',
      )
    )
      return;
    rotate.mutate(undefined, { onSuccess: setRotated });
  };
  if (rotated) return <WebhookSecretNotice subscription={rotated} onDone={() => setRotated(null)} />;
  return (
    <section className="card" aria-label="Signing secret">
      <div className="card-head">
        <h2 className="card-title">Signing secret</h2>
        <div className="toolbar">
          <button
            type="button"
            className="button small danger-outline"
            disabled={rotate.isPending}
            onClick={onRotate}
          >
            Rotate
          </button>
        </div>
      </div>
      <ErrorBanner error={reveal.error ?? rotate.error} />
      <div className="secret-row">
        <input
          readOnly
          aria-label="Webhook signing secret"
          value={secret ?? 'whsec_••••••••••••••••••••••••••••••••'}
          onFocus={(e) => e.target.select()}
        />
        {secret ? (
          <CopyButton text={secret} what="signing secret" />
        ) : (
          <button
            type="button"
            className="button small"
            disabled={reveal.isPending}
            onClick={() => reveal.mutate()}
          >
            Reveal
          </button>
        )}
      </div>
      <p className="field-hint">
        Receivers check <code>X-Beacon-Signature</code> (HMAC-SHA256 of <code>timestamp.body</code>) with this
        secret.
      </p>
    </section>
  );
}
