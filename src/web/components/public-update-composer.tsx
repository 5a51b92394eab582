import { useState, type SyntheticEvent } from 'react';
import type { Incident } from '../../core/schemas/incident.js';
import type { PublishUpdateBody } from '../../core/schemas/status-page.js';
import {
  COMPONENT_STATUSES,
  PUBLIC_IMPACTS,
  PUBLIC_INCIDENT_STATUSES,
  type ComponentStatus,
  type PublicImpact,
  type PublicIncidentStatus,
} from '../../core/status/snapshot.js';
import { TEXT_LIMITS } from '../../core/text/limits.js';
import {
  usePreviewUpdate,
  usePublishUpdate,
  useStatusComponents,
  useUpdateTemplates,
} from '../api/status-page.js';
import { ErrorBanner, Field, fieldError } from './form.js';
import { PublicUpdatePreview } from './public-update-preview.js';
import { COMPONENT_STATUS_LABELS, IMPACT_LABELS, PUBLIC_STATUS_LABELS } from './status-page-labels.js';
import { TextAreaField, TextField } from './text-field.js';
import { useUnsavedEdits } from './unsaved-changes.js';

interface Props {
  incident: Incident;
  /** Whether the incident is on the page already (title and impact are asked the first time only). */
  isPublished: boolean;
  onDone: () => void;
}

const PUBLISH_PROMPT = 'Publish this update to the status page? Customers and subscribers see it at once.';

/** Write a customer-facing update: status, message, affected components; preview, then publish. */
export function PublicUpdateComposer({ incident, isPublished, onDone }: Props) {
  const templates = useUpdateTemplates();
  const publish = usePublishUpdate(incident.ref);
  const preview = usePreviewUpdate(incident.ref);
  const [status, setStatus] = useState<PublicIncidentStatus>('investigating');
  const [message, setMessage] = useState('');
  const [publicTitle, setPublicTitle] = useState(incident.title);
  const [impact, setImpact] = useState<PublicImpact | ''>('');
  const [affected, setAffected] = useState<Record<number, ComponentStatus>>({});
  const [previewedFor, setPreviewedFor] = useState<string | null>(null);
  useUnsavedEdits({ status, message, publicTitle, impact, affected });

  const body: PublishUpdateBody = {
    status,
    message: message.trim(),
    ...(isPublished ? {} : { publicTitle: publicTitle.trim() }),
    ...(isPublished || impact === '' ? {} : { impact }),
    components: Object.entries(affected).map(([id, s]) => ({ componentId: Number(id), status: s })),
  };
  const bodyKey = JSON.stringify(body);
  const error = publish.error ?? preview.error;
  const applyTemplate = (id: string) => {
    const template = templates.data?.find((t) => String(t.id) === id);
    if (!template) return;
    setMessage(template.message);
    if (template.status) setStatus(template.status);
  };
  const showPreview = () => {
    setPreviewedFor(bodyKey);
    preview.mutate(body);
  };
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    if (!window.confirm(PUBLISH_PROMPT)) return;
    publish.mutate(body, { onSuccess: onDone });
  };
  return (
    <form className="public-composer" onSubmit={submit} noValidate aria-label="Public update">
      <ErrorBanner error={error} shownFields={['status', 'message', 'publicTitle', 'impact', 'components']} />
      {!isPublished ? (
        <div className="form-grid">
          <TextField
            label="Public title"
            error={fieldError(error, 'publicTitle')}
            hint="What customers see instead of the internal title."
            limit={TEXT_LIMITS.name}
            value={publicTitle}
            onChange={(e) => setPublicTitle(e.target.value)}
          />
          <Field label="Impact" error={fieldError(error, 'impact')}>
            {(id) => (
              <select id={id} value={impact} onChange={(e) => setImpact(e.target.value as PublicImpact | '')}>
                <option value="">From the components’ statuses</option>
                {PUBLIC_IMPACTS.map((i) => (
                  <option key={i} value={i}>
                    {IMPACT_LABELS[i]}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
      ) : null}
      <div className="form-grid">
        <Field label="Public status" error={fieldError(error, 'status')}>
          {(id) => (
            <select
              id={id}
              value={status}
              onChange={(e) => setStatus(e.target.value as PublicIncidentStatus)}
            >
              {PUBLIC_INCIDENT_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {PUBLIC_STATUS_LABELS[s]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Template" hint={templates.data?.length === 0 ? 'An admin adds templates.' : undefined}>
          {(id, describedBy) => (
            <select
              id={id}
              aria-describedby={describedBy}
              value=""
              onChange={(e) => applyTemplate(e.target.value)}
            >
              <option value="">Start from a template…</option>
              {(templates.data ?? []).map((t) => (
                <option key={t.id} value={String(t.id)}>
                  {t.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <TextAreaField
        label="Message to customers"
        className="public-message"
        error={fieldError(error, 'message')}
        hint="Published on the status page and sent to its subscribers. Internal notes and updates stay private."
        rows={4}
        limit={TEXT_LIMITS.update}
        placeholder="What customers notice, what we are doing, when we will update next."
        value={message}
        onChange={(e) => setMessage(e.target.value)}
      />
      <AffectedComponents
        incident={incident}
        affected={affected}
        error={fieldError(error, 'components')}
        onChange={setAffected}
      />
      {preview.data && previewedFor === bodyKey ? <PublicUpdatePreview view={preview.data} /> : null}
      {preview.data && previewedFor !== null && previewedFor !== bodyKey ? (
        <p className="muted">The update changed since the preview; preview it again to see it.</p>
      ) : null}
      <div className="form-actions">
        <button type="button" className="button" disabled={preview.isPending} onClick={showPreview}>
          Preview
        </button>
        <button type="submit" className="button primary" disabled={publish.isPending || !message.trim()}>
          {publish.isPending ? 'Publishing…' : 'Publish'}
        </button>
        <button type="button" className="button ghost" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

interface AffectedProps {
  incident: Incident;
  affected: Record<number, ComponentStatus>;
  error: string | undefined;
  onChange: (affected: Record<number, ComponentStatus>) => void;
}

/** Each component with the status this update gives it, or "Not affected". */
function AffectedComponents({ incident, affected, error, onChange }: AffectedProps) {
  const components = useStatusComponents();
  const serviceIds = new Set(incident.services.map((s) => s.id));
  const set = (id: number, value: string) => {
    const others = Object.entries(affected).filter(([key]) => Number(key) !== id);
    const next = value === '' ? others : [...others, [String(id), value]];
    onChange(Object.fromEntries(next) as Record<number, ComponentStatus>);
  };
  return (
    <fieldset className={error ? 'affected-components has-error' : 'affected-components'}>
      <legend>Affected components</legend>
      {components.data?.length === 0 ? <p className="muted">The status page has no components yet.</p> : null}
      {(components.data ?? []).map((c) => (
        <Field
          key={c.id}
          label={c.name}
          className="affected-component"
          hint={
            c.serviceIds.some((id) => serviceIds.has(id)) ? 'Backed by a service of this incident' : undefined
          }
        >
          {(id, describedBy) => (
            <select
              id={id}
              aria-describedby={describedBy}
              value={affected[c.id] ?? ''}
              onChange={(e) => set(c.id, e.target.value)}
            >
              <option value="">Not affected</option>
              {COMPONENT_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {COMPONENT_STATUS_LABELS[s]}
                </option>
              ))}
            </select>
          )}
        </Field>
      ))}
      {error ? <p className="field-error">{error}</p> : null}
    </fieldset>
  );
}
