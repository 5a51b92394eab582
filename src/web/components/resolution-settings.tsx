import { useEffect, useState, type SyntheticEvent } from 'react';
import { SEVERITIES, type Severity } from '../../core/priority.js';
import type { Settings } from '../../core/schemas/access.js';
import {
  RESOLUTION_FIELDS,
  RESOLUTION_FIELD_LABELS,
  type ResolutionField,
  type ResolutionSettings,
  type SeverityRequirements,
} from '../../core/schemas/resolution.js';
import { updateSettings } from '../api/access.js';
import { useWrite } from '../api/catalog.js';
import { useResolutionSettings, useUpdateResolutionSettings } from '../api/resolution.js';
import { CheckList } from './check-list.js';
import { ErrorBanner, Loading, fieldError } from './form.js';
import { FormActions } from './form-actions.js';
import { TextAreaField, TextField } from './text-field.js';
import { useUnsavedChanges } from './unsaved-changes.js';
import '../styles/follow-ups.css';

interface Draft {
  categories: string;
  requirements: Record<Severity, SeverityRequirements>;
  autoCloseDays: string;
  reminderDays: string;
}

const draftOf = (s: ResolutionSettings): Draft => ({
  categories: s.rootCauseCategories.join('\n'),
  requirements: s.requirements,
  autoCloseDays: String(s.autoCloseDays),
  reminderDays: String(s.followUpReminderDays),
});

const FIELD_OPTIONS = RESOLUTION_FIELDS.map((f) => ({ value: f, label: RESOLUTION_FIELD_LABELS[f] }));

/** `fields` in the order the record lists them. */
const ordered = (fields: readonly ResolutionField[]) => RESOLUTION_FIELDS.filter((f) => fields.includes(f));

/**
 * The resolution settings: root-cause categories, what resolving and closing need per severity,
 * auto-close and follow-up reminders. Admins change them; everyone else reads them.
 */
export function ResolutionSettingsCard({ isAdmin }: { isAdmin: boolean }) {
  const settings = useResolutionSettings();
  const save = useUpdateResolutionSettings();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [severity, setSeverity] = useState<Severity>('SEV1');
  useEffect(() => {
    if (settings.data) setDraft(draftOf(settings.data));
  }, [settings.data]);
  useUnsavedChanges(
    draft !== null &&
      settings.data !== undefined &&
      JSON.stringify(draft) !== JSON.stringify(draftOf(settings.data)),
  );
  if (!draft)
    return settings.isPending ? (
      <Loading what="Loading resolution settings" />
    ) : (
      <ErrorBanner error={settings.error} />
    );

  const forSeverity = draft.requirements[severity];
  const setSteps = (next: SeverityRequirements) =>
    setDraft({ ...draft, requirements: { ...draft.requirements, [severity]: next } });
  // Closing needs what resolving needs: a field required to resolve is required to close too.
  const onResolve = (resolve: ResolutionField[]) =>
    setSteps({ resolve: ordered(resolve), close: ordered([...new Set([...forSeverity.close, ...resolve])]) });
  const onClose = (close: ResolutionField[]) =>
    setSteps({
      resolve: forSeverity.resolve,
      close: ordered([...new Set([...close, ...forSeverity.resolve])]),
    });

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const categories = draft.categories
      .split('\n')
      .map((c) => c.trim())
      .filter(Boolean);
    save.mutate({
      rootCauseCategories: [...new Set(categories)],
      requirements: draft.requirements,
      autoCloseDays: Number(draft.autoCloseDays),
      followUpReminderDays: Number(draft.reminderDays),
    });
  };
  const requirementError = SEVERITIES.map((s) => fieldError(save.error, `requirements.${s}.close`)).find(
    Boolean,
  );
  return (
    <form
      className="card resolution-settings"
      onSubmit={submit}
      noValidate
      aria-label="Resolution and follow-ups"
    >
      <h2 className="card-title">Resolution and follow-ups</h2>
      <ErrorBanner
        error={save.error}
        shownFields={['rootCauseCategories', 'autoCloseDays', 'followUpReminderDays', 'requirements']}
      />
      <TextAreaField
        label="Root-cause categories"
        error={fieldError(save.error, 'rootCauseCategories')}
        hint="One per line; chosen in an incident's resolution record."
        rows={6}
        readOnly={!isAdmin}
        value={draft.categories}
        onChange={(e) => setDraft({ ...draft, categories: e.target.value })}
      />
      <fieldset className="requirements">
        <legend>Required fields</legend>
        <div className="toolbar" role="group" aria-label="Severity">
          {SEVERITIES.map((s) => (
            <button
              key={s}
              type="button"
              className={s === severity ? 'button small primary' : 'button small'}
              aria-pressed={s === severity}
              onClick={() => setSeverity(s)}
            >
              {s}
            </button>
          ))}
        </div>
        <div className="form-grid requirement-lists">
          <CheckList
            legend={`${severity}: to resolve`}
            options={FIELD_OPTIONS}
            selected={forSeverity.resolve}
            onChange={onResolve}
            disabled={!isAdmin}
          />
          <CheckList
            legend={`${severity}: to close`}
            options={FIELD_OPTIONS}
            selected={forSeverity.close}
            onChange={onClose}
            disabled={!isAdmin}
            error={requirementError}
          />
        </div>
        <p className="field-hint">
          Closing needs everything resolving needs. Resolving from a page link, a phone or by alerts asks only
          for a summary; the rest is asked for at close.
        </p>
      </fieldset>
      <div className="form-grid">
        <TextField
          label="Auto-close after (days)"
          error={fieldError(save.error, 'autoCloseDays')}
          hint="A resolved incident with nothing missing closes by itself; 0: never."
          type="number"
          min={0}
          max={365}
          step={1}
          readOnly={!isAdmin}
          value={draft.autoCloseDays}
          onChange={(e) => setDraft({ ...draft, autoCloseDays: e.target.value })}
        />
        <TextField
          label="Remind overdue follow-ups every (days)"
          error={fieldError(save.error, 'followUpReminderDays')}
          hint="Mails the owner; 0: no reminders."
          type="number"
          min={0}
          max={90}
          step={1}
          readOnly={!isAdmin}
          value={draft.reminderDays}
          onChange={(e) => setDraft({ ...draft, reminderDays: e.target.value })}
        />
      </div>
      {isAdmin ? (
        <FormActions submitLabel="Save resolution settings" pendingLabel="Saving…" isPending={save.isPending}>
          {save.isSuccess ? <span className="ok-text">Saved.</span> : null}
        </FormActions>
      ) : null}
    </form>
  );
}

/** Severities whose incidents close only with a published post-incident review. */
export function ReviewRequirementSettings({ settings, isAdmin }: { settings: Settings; isAdmin: boolean }) {
  const save = useWrite(updateSettings, ['settings']);
  const [severities, setSeverities] = useState<Severity[]>(settings.reviewRequiredSeverities);
  useEffect(() => setSeverities(settings.reviewRequiredSeverities), [settings.reviewRequiredSeverities]);
  useUnsavedChanges(severityKey(severities) !== severityKey(settings.reviewRequiredSeverities));
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    save.mutate({ reviewRequiredSeverities: SEVERITIES.filter((s) => severities.includes(s)) });
  };
  return (
    <form className="card" onSubmit={submit} noValidate aria-label="Post-incident reviews">
      <h2 className="card-title">Post-incident reviews</h2>
      <ErrorBanner error={save.error} shownFields={['reviewRequiredSeverities']} />
      <CheckList
        legend="A published review is required to close"
        variant="inline"
        options={SEVERITIES.map((s) => ({ value: s, label: s }))}
        selected={severities}
        onChange={setSeverities}
        disabled={!isAdmin}
        error={fieldError(save.error, 'reviewRequiredSeverities')}
      />
      {isAdmin ? (
        <FormActions submitLabel="Save review rule" pendingLabel="Saving…" isPending={save.isPending}>
          {save.isSuccess ? <span className="ok-text">Saved.</span> : null}
        </FormActions>
      ) : null}
    </form>
  );
}

/** A severity list as comparable text, whatever order it was ticked in. */
function severityKey(list: readonly Severity[]): string {
  return SEVERITIES.filter((s) => list.includes(s)).join(',');
}
