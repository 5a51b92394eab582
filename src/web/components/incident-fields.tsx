import { TEXT_LIMITS } from '../../core/text/limits.js';
import {
  LEVELS,
  SEVERITIES,
  isProposedBy,
  levelsAfterSeverityChange,
  priorityOf,
  type Level,
  type Severity,
} from '../../core/priority.js';
import { useServices, useSettings, useUsers } from '../api/catalog.js';
import { PriorityBadge } from './badges.js';
import { CheckList } from './check-list.js';
import { Field, fieldError } from './form.js';
import { humanize } from './format.js';
import { TextAreaField, TextField } from './text-field.js';

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

/** The request fields IncidentFields shows errors for beside their inputs. */
export const INCIDENT_FIELD_NAMES: readonly string[] = [
  'title',
  'summary',
  'severity',
  'impact',
  'urgency',
  'category',
  'serviceIds',
  'commanderId',
  'tags',
];

/** Split "a, b c" into tags. */
export function parseTags(text: string): string[] {
  return text.split(/[\s,]+/).filter(Boolean);
}

const levelOptions = LEVELS.map((l) => ({ value: l, label: humanize(l) }));

/** A labelled select of `options`, with the server's error for it. */
function SelectField(props: {
  label: string;
  error: string | undefined;
  value: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  onChange: (value: string) => void;
}) {
  return (
    <Field label={props.label} error={props.error}>
      {(id, d) => (
        <select
          id={id}
          aria-describedby={d}
          value={props.value}
          onChange={(e) => props.onChange(e.target.value)}
        >
          {props.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
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
      <TextField
        label="Title"
        className="span-2"
        error={fieldError(error, 'title')}
        required
        limit={TEXT_LIMITS.title}
        value={draft.title}
        onChange={(e) => onChange({ title: e.target.value })}
      />
      <TextAreaField
        label="Summary"
        className="span-2"
        error={fieldError(error, 'summary')}
        rows={4}
        limit={TEXT_LIMITS.longText}
        value={draft.summary}
        onChange={(e) => onChange({ summary: e.target.value })}
      />
      <SelectField
        label="Severity"
        error={fieldError(error, 'severity')}
        value={draft.severity}
        options={SEVERITIES.map((s) => ({ value: s, label: s }))}
        onChange={(value) => {
          const severity = value as Severity;
          onChange({ severity, ...levelsAfterSeverityChange(draft.severity, severity, draft) });
        }}
      />
      <SelectField
        label="Category"
        error={fieldError(error, 'category')}
        value={draft.category}
        options={[
          { value: '', label: 'None' },
          ...categoryOptions.map((c) => ({ value: c, label: humanize(c) })),
        ]}
        onChange={(category) => onChange({ category })}
      />
      <SelectField
        label="Impact"
        error={fieldError(error, 'impact')}
        value={draft.impact}
        options={levelOptions}
        onChange={(impact) => onChange({ impact: impact as Level })}
      />
      <SelectField
        label="Urgency"
        error={fieldError(error, 'urgency')}
        value={draft.urgency}
        options={levelOptions}
        onChange={(urgency) => onChange({ urgency: urgency as Level })}
      />
      <div className="field span-2 priority-preview" aria-live="polite">
        <span className="label-text">Priority</span>
        <span data-testid="computed-priority">
          <PriorityBadge priority={priorityOf(draft.impact, draft.urgency)} />
        </span>
        <span className="muted">
          {isProposedBy(draft.severity, draft.impact, draft.urgency)
            ? `impact × urgency as ${draft.severity} proposes`
            : 'from impact × urgency, as chosen'}
        </span>
      </div>
      <SelectField
        label="Commander"
        error={fieldError(error, 'commanderId')}
        value={draft.commanderId}
        options={[
          { value: '', label: 'Unassigned' },
          ...(users.data ?? [])
            .filter((u) => !u.disabled)
            .map((u) => ({ value: String(u.id), label: u.name || u.email })),
        ]}
        onChange={(commanderId) => onChange({ commanderId })}
      />
      <TextField
        label="Tags"
        error={fieldError(error, 'tags')}
        hint="Separate with commas or spaces."
        placeholder="db, region:eu"
        value={draft.tags}
        onChange={(e) => onChange({ tags: e.target.value })}
      />
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
