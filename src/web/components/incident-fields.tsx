import { LEVELS, SEVERITIES, priorityOf, type Level, type Severity } from '../../core/priority.js';
import { useServices, useSettings, useUsers } from '../api/catalog.js';
import { PriorityBadge } from './badges.js';
import { CheckList } from './check-list.js';
import { Field, fieldError } from './form.js';
import { humanize } from './format.js';

/** The editable classification of an incident, shared by the declare and edit forms. */
export interface IncidentDraft {
  title: string;
  summary: string;
  severity: Severity;
  impact: Level;
  urgency: Level;
  category: string;
  serviceIds: string[];
  commanderId: string;
  tags: string;
}

interface Props {
  draft: IncidentDraft;
  onChange: (patch: Partial<IncidentDraft>) => void;
  error: unknown;
}

/** Split "a, b c" into tags. */
export function parseTags(text: string): string[] {
  return text.split(/[\s,]+/).filter(Boolean);
}

/** Title, summary, severity, impact × urgency (with live priority), category, services… */
export function IncidentFields({ draft, onChange, error }: Props) {
  const settings = useSettings();
  const services = useServices();
  const users = useUsers();
  const categories = settings.data?.categories ?? [];
  const categoryOptions =
    draft.category && !categories.includes(draft.category) ? [draft.category, ...categories] : categories;

  return (
    <div className="form-grid">
      <Field label="Title" className="span-2" error={fieldError(error, 'title')}>
        {(id, d) => (
          <input
            id={id}
            required
            maxLength={200}
            aria-describedby={d}
            value={draft.title}
            onChange={(e) => onChange({ title: e.target.value })}
          />
        )}
      </Field>
      <Field label="Summary" className="span-2" error={fieldError(error, 'summary')}>
        {(id, d) => (
          <textarea
            id={id}
            rows={4}
            aria-describedby={d}
            value={draft.summary}
            onChange={(e) => onChange({ summary: e.target.value })}
          />
        )}
      </Field>
      <Field label="Severity" error={fieldError(error, 'severity')}>
        {(id) => (
          <select
            id={id}
            value={draft.severity}
            onChange={(e) => onChange({ severity: e.target.value as Severity })}
          >
            {SEVERITIES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Category" error={fieldError(error, 'category')}>
        {(id) => (
          <select id={id} value={draft.category} onChange={(e) => onChange({ category: e.target.value })}>
            <option value="">None</option>
            {categoryOptions.map((c) => (
              <option key={c} value={c}>
                {humanize(c)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Impact" error={fieldError(error, 'impact')}>
        {(id) => (
          <select
            id={id}
            value={draft.impact}
            onChange={(e) => onChange({ impact: e.target.value as Level })}
          >
            {LEVELS.map((l) => (
              <option key={l} value={l}>
                {humanize(l)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Urgency" error={fieldError(error, 'urgency')}>
        {(id) => (
          <select
            id={id}
            value={draft.urgency}
            onChange={(e) => onChange({ urgency: e.target.value as Level })}
          >
            {LEVELS.map((l) => (
              <option key={l} value={l}>
                {humanize(l)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="field span-2 priority-preview" aria-live="polite">
        <span className="label-text">Priority</span>
        <span data-testid="computed-priority">
          <PriorityBadge priority={priorityOf(draft.impact, draft.urgency)} />
        </span>
        <span className="muted">from impact × urgency</span>
      </div>
      <Field label="Commander" error={fieldError(error, 'commanderId')}>
        {(id) => (
          <select
            id={id}
            value={draft.commanderId}
            onChange={(e) => onChange({ commanderId: e.target.value })}
          >
            <option value="">Unassigned</option>
            {(users.data ?? [])
              .filter((u) => !u.disabled)
              .map((u) => (
                <option key={u.id} value={String(u.id)}>
                  {u.name || u.email}
                </option>
              ))}
          </select>
        )}
      </Field>
      <Field label="Tags" error={fieldError(error, 'tags')} hint="Separate with commas or spaces.">
        {(id, d) => (
          <input
            id={id}
            aria-describedby={d}
            placeholder="db, region:eu"
            value={draft.tags}
            onChange={(e) => onChange({ tags: e.target.value })}
          />
        )}
      </Field>
      <div className="span-2">
        <CheckList
          legend="Affected services"
          options={(services.data ?? []).map((s) => ({ value: String(s.id), label: s.name }))}
          selected={draft.serviceIds}
          onChange={(serviceIds) => onChange({ serviceIds })}
          empty="No services in the catalog yet."
        />
        {fieldError(error, 'serviceIds') ? (
          <p className="field-error">{fieldError(error, 'serviceIds')}</p>
        ) : null}
      </div>
    </div>
  );
}
