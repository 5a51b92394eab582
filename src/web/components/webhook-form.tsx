import { type SyntheticEvent, useId, useState } from 'react';
import {
  WEBHOOK_EVENT_TYPES,
  type WebhookEventType,
  type WebhookSubscription,
} from '../../core/schemas/webhooks.js';
import { useServices } from '../api/catalog.js';
import { ErrorBanner, fieldError } from './form.js';
import { TextField } from './text-field.js';
import { FormActions } from './form-actions.js';

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
  const group = useId();
  const [url, setUrl] = useState(initial?.url ?? '');
  const [description, setDescription] = useState(initial?.description ?? '');
  const [allEvents, setAllEvents] = useState(initial ? initial.eventTypes === null : true);
  const [events, setEvents] = useState<WebhookEventType[]>(initial?.eventTypes ?? []);
  const [allServices, setAllServices] = useState(initial ? initial.serviceIds === null : true);
  const [serviceIds, setServiceIds] = useState<number[]>(initial?.serviceIds ?? []);
  const [enabled, setEnabled] = useState(initial?.enabled ?? true);

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
  const toggle = <T,>(list: T[], item: T, isOn: boolean) =>
    isOn ? [...list, item] : list.filter((x) => x !== item);

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
          value={url}
          onChange={(e) => setUrl(e.target.value)}
        />
        <TextField
          label="Description"
          error={fieldError(error, 'description')}
          hint="What receives it."
          placeholder="Ticketing sync"
          value={description}
          onChange={(e) => setDescription(e.target.value)}
        />
      </div>
      <fieldset className={`check-list${fieldError(error, 'eventTypes') ? ' has-error' : ''}`}>
        <legend>Events</legend>
        <div className="webhook-scope">
          <label className="check">
            <input
              type="radio"
              name={`${group}-events`}
              checked={allEvents}
              onChange={() => setAllEvents(true)}
            />
            <span>All events, including ones added later</span>
          </label>
          <label className="check">
            <input
              type="radio"
              name={`${group}-events`}
              checked={!allEvents}
              onChange={() => setAllEvents(false)}
            />
            <span>Only these</span>
          </label>
        </div>
        {!allEvents ? (
          <div className="check-list-items webhook-choices">
            {WEBHOOK_EVENT_TYPES.map((type) => (
              <label key={type} className="check">
                <input
                  type="checkbox"
                  checked={events.includes(type)}
                  onChange={(e) => setEvents(toggle(events, type, e.target.checked))}
                />
                <span>{EVENT_LABELS[type]}</span>
              </label>
            ))}
          </div>
        ) : null}
        {fieldError(error, 'eventTypes') ? (
          <p className="field-error">{fieldError(error, 'eventTypes')}</p>
        ) : null}
      </fieldset>
      <fieldset className={`check-list${fieldError(error, 'serviceIds') ? ' has-error' : ''}`}>
        <legend>Services</legend>
        <div className="webhook-scope">
          <label className="check">
            <input
              type="radio"
              name={`${group}-services`}
              checked={allServices}
              onChange={() => setAllServices(true)}
            />
            <span>Incidents of any service (or none)</span>
          </label>
          <label className="check">
            <input
              type="radio"
              name={`${group}-services`}
              checked={!allServices}
              onChange={() => setAllServices(false)}
            />
            <span>Only incidents affecting</span>
          </label>
        </div>
        {!allServices ? (
          <div className="check-list-items webhook-choices">
            {(services.data ?? []).length === 0 ? (
              <span className="muted">No services in the catalog yet.</span>
            ) : null}
            {(services.data ?? []).map((service) => (
              <label key={service.id} className="check">
                <input
                  type="checkbox"
                  checked={serviceIds.includes(service.id)}
                  onChange={(e) => setServiceIds(toggle(serviceIds, service.id, e.target.checked))}
                />
                <span>{service.name}</span>
              </label>
            ))}
          </div>
        ) : null}
        {fieldError(error, 'serviceIds') ? (
          <p className="field-error">{fieldError(error, 'serviceIds')}</p>
        ) : null}
      </fieldset>
      <label className="check webhook-enabled">
        <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
        <span>Enabled — send events as they happen</span>
      </label>
      <FormActions
        submitLabel={submitLabel}
        pendingLabel="Saving…"
        isPending={isPending}
        onCancel={onCancel}
      />
    </form>
  );
}
