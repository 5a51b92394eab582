import { useState, type SyntheticEvent } from 'react';
import type { UpdateTemplate } from '../../core/schemas/status-page.js';
import { PUBLIC_INCIDENT_STATUSES, type PublicIncidentStatus } from '../../core/status/snapshot.js';
import { TEXT_LIMITS } from '../../core/text/limits.js';
import { useWrite } from '../api/catalog.js';
import {
  createTemplate,
  deleteTemplate,
  statusPageKey,
  updateTemplate,
  type TemplateBody,
} from '../api/status-page.js';
import { DeleteButton } from './delete-button.js';
import { ErrorBanner, Field, fieldError } from './form.js';
import { FormActions } from './form-actions.js';
import { PublicStatusBadge } from './status-page-parts.js';
import { PUBLIC_STATUS_LABELS } from './status-page-labels.js';
import { TextAreaField, TextField } from './text-field.js';
import { useUnsavedEdits } from './unsaved-changes.js';

/** Reusable public messages the update composer offers. */
export function UpdateTemplates({ templates }: { templates: UpdateTemplate[] }) {
  const create = useWrite(createTemplate, [statusPageKey]);
  const [isAdding, setAdding] = useState(false);
  const [editingId, setEditingId] = useState<number | null>(null);
  return (
    <section className="card" aria-label="Update templates">
      <div className="card-head">
        <h2 className="card-title">Update templates</h2>
        {!isAdding ? (
          <button type="button" className="button small" onClick={() => setAdding(true)}>
            Add template
          </button>
        ) : null}
      </div>
      <p className="muted">Offered in the update composer; picking one fills in its status and message.</p>
      {isAdding ? (
        <TemplateForm
          error={create.error}
          isPending={create.isPending}
          submitLabel="Create template"
          onSubmit={(body) => create.mutate(body, { onSuccess: () => setAdding(false) })}
          onCancel={() => setAdding(false)}
        />
      ) : null}
      {templates.length === 0 && !isAdding ? <p className="muted">No templates yet.</p> : null}
      <ul className="sp-list">
        {templates.map((template) =>
          editingId === template.id ? (
            <li key={template.id} className="sp-row editing">
              <EditTemplate template={template} onDone={() => setEditingId(null)} />
            </li>
          ) : (
            <TemplateRow key={template.id} template={template} onEdit={() => setEditingId(template.id)} />
          ),
        )}
      </ul>
    </section>
  );
}

function EditTemplate({ template, onDone }: { template: UpdateTemplate; onDone: () => void }) {
  const update = useWrite(updateTemplate, [statusPageKey]);
  return (
    <TemplateForm
      template={template}
      error={update.error}
      isPending={update.isPending}
      submitLabel={`Save ${template.name}`}
      onSubmit={(body) => update.mutate({ id: template.id, ...body }, { onSuccess: onDone })}
      onCancel={onDone}
    />
  );
}

function TemplateRow({ template, onEdit }: { template: UpdateTemplate; onEdit: () => void }) {
  const drop = useWrite(deleteTemplate, [statusPageKey]);
  const onDelete = () => {
    if (window.confirm(`Delete the template “${template.name}”?`)) drop.mutate(template.id);
  };
  return (
    <li className="sp-row" data-testid="template-row">
      <div className="sp-main">
        <span className="sp-name">{template.name}</span>
        <span className="sub muted sp-clip">{template.message}</span>
      </div>
      {template.status ? <PublicStatusBadge status={template.status} /> : null}
      <div className="toolbar">
        <button type="button" className="button small ghost" onClick={onEdit}>
          Edit
        </button>
        <DeleteButton onClick={onDelete} isPending={drop.isPending} isSmall />
      </div>
      <ErrorBanner error={drop.error} />
    </li>
  );
}

interface FormProps {
  template?: UpdateTemplate;
  error: unknown;
  isPending: boolean;
  submitLabel: string;
  onSubmit: (body: TemplateBody) => void;
  onCancel: () => void;
}

function TemplateForm({ template, error, isPending, submitLabel, onSubmit, onCancel }: FormProps) {
  const [name, setName] = useState(template?.name ?? '');
  const [status, setStatus] = useState<PublicIncidentStatus | null>(template?.status ?? null);
  const [message, setMessage] = useState(template?.message ?? '');
  useUnsavedEdits({ name, status, message });
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    onSubmit({ name: name.trim(), status, message: message.trim() });
  };
  return (
    <form className="sp-template-form" onSubmit={submit} noValidate aria-label={submitLabel}>
      <ErrorBanner error={error} shownFields={['name', 'status', 'message']} />
      <div className="form-grid">
        <TextField
          label="Template name"
          error={fieldError(error, 'name')}
          limit={TEXT_LIMITS.name}
          placeholder="e.g. Investigating"
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <Field label="Public status" error={fieldError(error, 'status')}>
          {(id) => (
            <select
              id={id}
              value={status ?? ''}
              onChange={(e) =>
                setStatus(e.target.value === '' ? null : (e.target.value as PublicIncidentStatus))
              }
            >
              <option value="">Any (keeps the composer’s)</option>
              {PUBLIC_INCIDENT_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {PUBLIC_STATUS_LABELS[s]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <TextAreaField
        label="Message"
        error={fieldError(error, 'message')}
        rows={3}
        limit={TEXT_LIMITS.update}
        value={message}
        onChange={(e) => setMessage(e.target.value)}
      />
      <FormActions
        submitLabel={submitLabel}
        pendingLabel="Saving…"
        isPending={isPending}
        onCancel={onCancel}
      />
    </form>
  );
}
