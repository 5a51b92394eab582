import { useEffect, useState, type SyntheticEvent } from 'react';
import {
  AUTO_RESOLVE_TARGETS,
  GROUPING_MODES,
  type AutoResolveTarget,
  type GroupingMode,
} from '../../core/alerts/grouping.js';
import { updateAlertRules, useAlertRules, type AlertRules } from '../api/alerting.js';
import { useWrite } from '../api/catalog.js';
import { useCurrentUser } from '../api/session.js';
import { ErrorBanner, Field, Loading, fieldError } from './form.js';
import { TextField } from './text-field.js';
import { useUnsavedChanges } from './unsaved-changes.js';

const GROUPING_LABELS: Record<GroupingMode, string> = {
  alertname: 'One incident per kind of alert (alertname)',
  service: 'One incident for the whole service',
  labels: 'One incident per value of some labels',
  alert: 'One incident per alert',
};

const AUTO_RESOLVE_LABELS: Record<AutoResolveTarget, string> = {
  resolved: 'Resolve the incident',
  monitoring: 'Move the incident to monitoring',
  off: 'Leave the incident as it is',
};

const NUMBER_FIELDS = [
  'groupWindowMinutes',
  'reopenWindowMinutes',
  'thresholdCount',
  'thresholdMinutes',
  'flapChanges',
  'flapWindowMinutes',
] as const;
type NumberField = (typeof NUMBER_FIELDS)[number];

interface Draft extends Record<NumberField, string> {
  grouping: GroupingMode;
  groupBy: string;
  autoResolve: AutoResolveTarget;
}

function draftOf(rules: AlertRules): Draft {
  return {
    grouping: rules.grouping,
    groupBy: rules.groupBy.join(', '),
    autoResolve: rules.autoResolve,
    groupWindowMinutes: String(rules.groupWindowMinutes),
    reopenWindowMinutes: String(rules.reopenWindowMinutes),
    thresholdCount: String(rules.thresholdCount),
    thresholdMinutes: String(rules.thresholdMinutes),
    flapChanges: String(rules.flapChanges),
    flapWindowMinutes: String(rules.flapWindowMinutes),
  };
}

/** The changed fields of `draft` against `rules`, as a PATCH body. */
function patchOf(draft: Draft, rules: AlertRules): Partial<AlertRules> {
  const patch: Partial<AlertRules> = {};
  const groupBy = draft.groupBy
    .split(/[,\s]+/)
    .map((l) => l.trim())
    .filter(Boolean);
  if (draft.grouping !== rules.grouping) patch.grouping = draft.grouping;
  if (groupBy.join(',') !== rules.groupBy.join(',')) patch.groupBy = [...new Set(groupBy)];
  if (draft.autoResolve !== rules.autoResolve) patch.autoResolve = draft.autoResolve;
  for (const name of NUMBER_FIELDS) {
    const value = draft[name].trim() === '' ? Number.NaN : Number(draft[name]);
    if (value !== rules[name]) patch[name] = value;
  }
  return patch;
}

/** A service's alert rules: grouping, windows, threshold, auto-resolve and flap damping. */
export function AlertRulesForm({ serviceId }: { serviceId: number }) {
  const rules = useAlertRules(serviceId);
  const { canWrite } = useCurrentUser();
  const save = useWrite(updateAlertRules, ['alert-rules']);
  const [draft, setDraft] = useState<Draft | null>(null);
  useEffect(() => {
    if (rules.data) setDraft(draftOf(rules.data));
  }, [rules.data]);
  useUnsavedChanges(
    draft !== null && rules.data !== undefined && Object.keys(patchOf(draft, rules.data)).length > 0,
  );

  if (rules.isPending) return <Loading what="Loading alert rules" />;
  if (rules.isError) return <ErrorBanner error={rules.error} />;
  if (!draft) return null;

  const set = (patch: Partial<Draft>) => {
    save.reset();
    setDraft({ ...draft, ...patch });
  };
  const patch = patchOf(draft, rules.data);
  const isDirty = Object.keys(patch).length > 0;
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    if (isDirty) save.mutate({ serviceId, ...patch });
  };
  const number = (name: NumberField, label: string, hint: string, min: number) => (
    <TextField
      label={label}
      error={fieldError(save.error, name)}
      hint={hint}
      type="number"
      inputMode="numeric"
      min={min}
      step={1}
      readOnly={!canWrite}
      value={draft[name]}
      onChange={(e) => set({ [name]: e.target.value })}
    />
  );

  return (
    <form className="card rules-form" onSubmit={submit} noValidate aria-label="Alert rules">
      <h2 className="card-title">Alert rules</h2>
      <ErrorBanner
        error={save.error}
        shownFields={['grouping', 'groupBy', 'autoResolve', ...NUMBER_FIELDS]}
      />
      <fieldset className="rules-group">
        <legend>Grouping</legend>
        <p className="muted">How alerts of this service become incidents, so a storm pages once.</p>
        {draft.grouping === 'service' ? (
          <p className="muted" role="note">
            Unrelated alerts of this service (a full disk, a slow API) will share one incident and its title.
          </p>
        ) : null}
        <div className="form-grid">
          <Field label="Group alerts into" error={fieldError(save.error, 'grouping')}>
            {(id) => (
              <select
                id={id}
                disabled={!canWrite}
                value={draft.grouping}
                onChange={(e) => set({ grouping: e.target.value as GroupingMode })}
              >
                {GROUPING_MODES.map((m) => (
                  <option key={m} value={m}>
                    {GROUPING_LABELS[m]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {draft.grouping === 'labels' ? (
            <TextField
              label="Group by labels"
              error={fieldError(save.error, 'groupBy')}
              hint="Comma-separated label names, e.g. cluster, alertname."
              readOnly={!canWrite}
              placeholder="cluster, alertname"
              value={draft.groupBy}
              onChange={(e) => set({ groupBy: e.target.value })}
            />
          ) : (
            <div />
          )}
          {number(
            'groupWindowMinutes',
            'Group window (minutes)',
            'An incident takes new alerts this long after it opened.',
            1,
          )}
          {number(
            'reopenWindowMinutes',
            'Reopen window (minutes)',
            'A resolved incident reopens if its alerts fire again within this time.',
            0,
          )}
        </div>
      </fieldset>
      <fieldset className="rules-group">
        <legend>Threshold</legend>
        <p className="muted">
          Open an incident once <strong>{draft.thresholdCount || '…'}</strong> alert
          {draft.thresholdCount === '1' ? '' : 's'} arrived within{' '}
          <strong>{draft.thresholdMinutes || '…'}</strong> minutes (1 opens one at once).
        </p>
        <div className="form-grid">
          {number('thresholdCount', 'Alerts', 'How many alerts open an incident.', 1)}
          {number('thresholdMinutes', 'Within (minutes)', 'The window they must arrive in.', 1)}
        </div>
      </fieldset>
      <fieldset className="rules-group">
        <legend>When every alert resolves</legend>
        <div className="form-grid">
          <Field label="Auto-resolve" error={fieldError(save.error, 'autoResolve')}>
            {(id) => (
              <select
                id={id}
                disabled={!canWrite}
                value={draft.autoResolve}
                onChange={(e) => set({ autoResolve: e.target.value as AutoResolveTarget })}
              >
                {AUTO_RESOLVE_TARGETS.map((t) => (
                  <option key={t} value={t}>
                    {AUTO_RESOLVE_LABELS[t]}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
      </fieldset>
      <fieldset className="rules-group">
        <legend>Flap damping</legend>
        <p className="muted">
          An alert that changes state more than <strong>{draft.flapChanges || '…'}</strong> times in{' '}
          <strong>{draft.flapWindowMinutes || '…'}</strong> minutes is marked flapping and stops paging.
        </p>
        <div className="form-grid">
          {number('flapChanges', 'State changes', 'More than this many changes is flapping.', 2)}
          {number('flapWindowMinutes', 'Within (minutes)', 'The window they are counted in.', 1)}
        </div>
      </fieldset>
      {canWrite ? (
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={!isDirty || save.isPending}>
            {save.isPending ? 'Saving…' : 'Save rules'}
          </button>
          {isDirty ? (
            <button type="button" className="button ghost" onClick={() => setDraft(draftOf(rules.data))}>
              Discard changes
            </button>
          ) : null}
          {save.isSuccess && !isDirty ? <span className="ok-text">Saved.</span> : null}
        </div>
      ) : (
        <p className="muted">Responders and administrators can change these rules.</p>
      )}
    </form>
  );
}
