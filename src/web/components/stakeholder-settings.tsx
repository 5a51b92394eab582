import { useEffect, useState, type SyntheticEvent } from 'react';
import { SEVERITIES, type Severity } from '../../core/priority.js';
import type { Settings } from '../../core/schemas/access.js';
import type { StakeholderDefaultRule } from '../../core/schemas/stakeholders.js';
import { updateSettings } from '../api/access.js';
import { useServices, useTeams, useUsers, useWrite } from '../api/catalog.js';
import { ErrorBanner, fieldError } from './form.js';
import { TextField } from './text-field.js';
import { FormActions } from './form-actions.js';
import { CheckList } from './check-list.js';
import '../styles/stakeholders.css';
import { useUnsavedChanges } from './unsaved-changes.js';

interface Props {
  settings: Settings;
  isAdmin: boolean;
}

/** Minutes without an update before the commander is reminded, per severity. */
export function ReminderSettings({ settings, isAdmin }: Props) {
  const save = useWrite(updateSettings, ['settings']);
  const [minutes, setMinutes] = useState<Record<Severity, string>>({
    SEV1: '',
    SEV2: '',
    SEV3: '',
    SEV4: '',
  });
  useEffect(() => {
    const stored = settings.updateReminderMinutes;
    setMinutes({
      SEV1: String(stored.SEV1),
      SEV2: String(stored.SEV2),
      SEV3: String(stored.SEV3),
      SEV4: String(stored.SEV4),
    });
  }, [settings.updateReminderMinutes]);
  useUnsavedChanges(SEVERITIES.some((s) => minutes[s] !== String(settings.updateReminderMinutes[s])));
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const [SEV1, SEV2, SEV3, SEV4] = SEVERITIES.map((s) => Number(minutes[s]));
    save.mutate({
      updateReminderMinutes: { SEV1: SEV1 ?? 0, SEV2: SEV2 ?? 0, SEV3: SEV3 ?? 0, SEV4: SEV4 ?? 0 },
    });
  };
  return (
    <form className="card" onSubmit={submit} noValidate aria-label="Update reminders">
      <h2 className="card-title">Update reminders</h2>
      <p className="muted">
        When an open incident goes this many minutes without a status or stakeholder update, its commander (or
        whoever acknowledged it, or the on-call) is reminded. 0 turns reminders off for that severity.
      </p>
      <ErrorBanner error={save.error} shownFields={SEVERITIES.map((s) => `updateReminderMinutes.${s}`)} />
      <div className="reminder-minutes">
        {SEVERITIES.map((severity) => (
          <TextField
            key={severity}
            label={`${severity} (minutes)`}
            error={fieldError(save.error, `updateReminderMinutes.${severity}`)}
            type="number"
            min={0}
            max={1440}
            step={1}
            readOnly={!isAdmin}
            value={minutes[severity]}
            onChange={(e) => setMinutes({ ...minutes, [severity]: e.target.value })}
          />
        ))}
      </div>
      {isAdmin ? (
        <FormActions submitLabel="Save reminders" pendingLabel="Saving…" isPending={save.isPending}>
          {save.isSuccess ? <span className="ok-text">Saved.</span> : null}
        </FormActions>
      ) : null}
    </form>
  );
}

interface RuleDraft {
  severities: Severity[];
  serviceIds: number[];
  userIds: number[];
  teamIds: number[];
  emails: string;
}

const toDraft = (rule: StakeholderDefaultRule): RuleDraft => ({ ...rule, emails: rule.emails.join(', ') });
const emptyRule: RuleDraft = { severities: ['SEV1'], serviceIds: [], userIds: [], teamIds: [], emails: '' };

/** Stakeholders that matching incidents get without being added by hand. */
export function StakeholderDefaultSettings({ settings, isAdmin }: Props) {
  const save = useWrite(updateSettings, ['settings']);
  const [rules, setRules] = useState<RuleDraft[]>([]);
  useEffect(() => setRules(settings.stakeholderDefaults.map(toDraft)), [settings.stakeholderDefaults]);
  useUnsavedChanges(JSON.stringify(rules) !== JSON.stringify(settings.stakeholderDefaults.map(toDraft)));
  const change = (index: number, next: Partial<RuleDraft>) =>
    setRules(rules.map((rule, i) => (i === index ? { ...rule, ...next } : rule)));
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    save.mutate({
      stakeholderDefaults: rules.map((rule) => ({
        ...rule,
        emails: rule.emails
          .split(/[\s,;]+/)
          .map((e) => e.trim())
          .filter(Boolean),
      })),
    });
  };
  return (
    <form className="card" onSubmit={submit} noValidate aria-label="Default stakeholders">
      <h2 className="card-title">Default stakeholders</h2>
      <p className="muted">
        Each rule adds its people, teams and addresses to the stakeholders of every incident it matches (all
        of the chosen severities and services; none chosen means any).
      </p>
      <ErrorBanner error={save.error} />
      {rules.length === 0 ? <p className="muted">No default stakeholders.</p> : null}
      {rules.map((rule, index) => (
        <RuleEditor
          key={index}
          index={index}
          rule={rule}
          isAdmin={isAdmin}
          error={save.error}
          onChange={(next) => change(index, next)}
          onRemove={() => setRules(rules.filter((_, i) => i !== index))}
        />
      ))}
      {isAdmin ? (
        <div className="form-actions">
          <button type="button" className="button" onClick={() => setRules([...rules, emptyRule])}>
            Add a rule
          </button>
          <button type="submit" className="button primary" disabled={save.isPending}>
            {save.isPending ? 'Saving…' : 'Save default stakeholders'}
          </button>
          {save.isSuccess ? <span className="ok-text">Saved.</span> : null}
        </div>
      ) : null}
    </form>
  );
}

interface RuleEditorProps {
  index: number;
  rule: RuleDraft;
  isAdmin: boolean;
  error: unknown;
  onChange: (next: Partial<RuleDraft>) => void;
  onRemove: () => void;
}

function RuleEditor({ index, rule, isAdmin, error, onChange, onRemove }: RuleEditorProps) {
  const services = useServices();
  const teams = useTeams();
  const users = useUsers();
  const field = (name: string) => fieldError(error, `stakeholderDefaults.${index}.${name}`);
  return (
    <fieldset className="default-rule">
      <legend>Rule {index + 1}</legend>
      <CheckList
        variant="inline"
        legend="When the severity is"
        options={SEVERITIES.map((s) => ({ value: s, label: s }))}
        selected={rule.severities}
        onChange={(severities) => onChange({ severities })}
        disabled={!isAdmin}
      />
      <CheckList
        variant="inline"
        legend="and a service affected is"
        options={(services.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
        selected={rule.serviceIds}
        onChange={(serviceIds) => onChange({ serviceIds })}
        disabled={!isAdmin}
      />
      <CheckList
        variant="inline"
        legend="notify teams"
        options={(teams.data ?? []).map((t) => ({ value: t.id, label: t.name }))}
        selected={rule.teamIds}
        onChange={(teamIds) => onChange({ teamIds })}
        disabled={!isAdmin}
      />
      <CheckList
        variant="inline"
        legend="notify people"
        options={(users.data ?? [])
          .filter((u) => !u.disabled)
          .map((u) => ({ value: u.id, label: u.name || u.email }))}
        selected={rule.userIds}
        onChange={(userIds) => onChange({ userIds })}
        disabled={!isAdmin}
      />
      <TextField
        label="and email addresses"
        error={field('emails')}
        hint="Separated by commas."
        readOnly={!isAdmin}
        placeholder="vendor@example.com, exec@example.com"
        value={rule.emails}
        onChange={(e) => onChange({ emails: e.target.value })}
      />
      {isAdmin ? (
        <button type="button" className="button small danger-outline" onClick={onRemove}>
          Remove rule
        </button>
      ) : null}
    </fieldset>
  );
}
