import { type SyntheticEvent, useState } from 'react';
import {
  WEBHOOK_EVENT_TYPES,
  type WebhookEventType,
  type WebhookSubscription,
} from '../../core/schemas/webhooks.js';
import { useServices } from '../api/catalog.js';
import { ErrorBanner, fieldError } from './form.js';
import { TextField } from './text-field.js';
import { FormActions } from './form-actions.js';
import { Checkbox } from './check-list.js';
import { ScopeChoice } from './scope-choice.js';
import { useUnsavedEdits } from './unsaved-changes.js';
import { TEXT_LIMITS } from '../../core/text/limits.js';

/** What each event type means, in the words of the UI. */
export const EVENT_LABELS: Record<WebhookEventType, string> = {
  'incident.triggered': 'Triggered (declared or opened by alerts)',
  'incident.updated': 'Updated (severity, title, services, roles…)',
  'incident.acknowledged': 'Acknowledged',
  'incident.status_changed': 'Status changed',
  'incident.resolved': 'Resolved',
  'incident.closed': 'Closed',
  'incident.reopened': 'Reopened',
  'incident.merged': 'Merged into another incident',
  'incident.update_posted': 'Update or note posted',
};

/** The fields a subscription form sends. */
export interface WebhookFormValues {
  url: string;
  description: string;
  eventTypes: WebhookEventType[] | null;
  serviceIds: number[] | null;
  enabled: boolean;
}

interface Props {
  /** The subscription being edited; a new one when absent. */
  initial?: WebhookSubscription;
  error: unknown;
  isPending: boolean;
  submitLabel: string;
  onSubmit: (values: WebhookFormValues) => void;
  onCancel?: () => void;
}

/** Create or edit a subscription: URL, description, event and service filters, enabled. */
export function WebhookForm({ initial, error, isPending, submitLabel, onSubmit, onCancel }: Props) {
  const services = useServices();
  const [url, setUrl] = useState(initial?.url ?? '');
  const [description, setDescription] = useState(initial?.description ?? '');
  const [allEvents, setAllEvents] = useState(initial ? initial.eventTypes === null : true);
  const [events, setEvents] = useState<WebhookEventType[]>(initial?.eventTypes ?? []);
  const [allServices, setAllServices] = useState(initial ? initial.serviceIds === null : true);
  const [serviceIds, setServiceIds] = useState<number[]>(initial?.serviceIds ?? []);
  const [enabled, setEnabled] = useState(initial?.enabled ?? true);
  useUnsavedEdits({ url, description, allEvents, events, allServices, serviceIds, enabled });

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    onSubmit({
      url: url.trim(),
      description: description.trim(),
      eventTypes: allEvents ? null : WEBHOOK_EVENT_TYPES.filter((type) => events.includes(type)),
      serviceIds: allServices ? null : serviceIds,
      enabled,
    });
  };
  return (
    <form className="webhook-form" onSubmit={submit} noValidate aria-label={submitLabel}>
      <ErrorBanner error={error} shownFields={['url', 'description', 'eventTypes', 'serviceIds']} />
      <div className="form-grid">
        <TextField
          label="Endpoint URL"
          error={fieldError(error, 'url')}
          hint="Beacon POSTs signed JSON here (http or https)."
          type="url"
          placeholder="https://example.com/hooks/beacon"
          limit={TEXT_LIMITS.address}
          value={url}
          onChange={(e) => setUrl(e.target.value)}
        />
        <TextField
          label="Description"
          error={fieldError(error, 'description')}
          hint="What receives it."
          placeholder="Ticketing sync"
          limit={TEXT_LIMITS.webhookDescription}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
        />
      </div>
      <ScopeChoice
        legend="Events"
        allLabel="All events, including ones added later"
        someLabel="Only these"
        isAll={allEvents}
        onAllChange={setAllEvents}
        options={WEBHOOK_EVENT_TYPES.map((type) => ({ value: type, label: EVENT_LABELS[type] }))}
        selected={events}
        onChange={setEvents}
        error={fieldError(error, 'eventTypes')}
      />
      <ScopeChoice
        legend="Services"
        allLabel="Incidents of any service (or none)"
        someLabel="Only incidents affecting"
        isAll={allServices}
        onAllChange={setAllServices}
        options={(services.data ?? []).map((service) => ({ value: service.id, label: service.name }))}
        selected={serviceIds}
        onChange={setServiceIds}
        empty="No services in the catalog yet."
        error={fieldError(error, 'serviceIds')}
      />
      <Checkbox className="webhook-enabled" checked={enabled} onChange={setEnabled}>
        Enabled — send events as they happen
      </Checkbox>
      <FormActions
        submitLabel={submitLabel}
        pendingLabel="Saving…"
        isPending={isPending}
        onCancel={onCancel}
      />
    </form>
  );
}
