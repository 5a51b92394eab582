import { useEffect, useState, type SyntheticEvent } from 'react';
import { updateSettings } from '../api/access.js';
import { useSettings, useWrite } from '../api/catalog.js';
import { useCurrentUser } from '../api/session.js';
import { ErrorBanner, Loading, fieldError } from '../components/form.js';
import { ReminderSettings, StakeholderDefaultSettings } from '../components/stakeholder-settings.js';
import { ResolutionSettingsCard, ReviewRequirementSettings } from '../components/resolution-settings.js';
import { TextAreaField, TextField } from '../components/text-field.js';
import { FormActions } from '../components/form-actions.js';
import { useUnsavedChanges } from '../components/unsaved-changes.js';

/** Workspace settings: incident categories, the reopen window, update reminders and default stakeholders. */
export function SettingsPage() {
  const settings = useSettings();
  const { isAdmin } = useCurrentUser();
  const save = useWrite(updateSettings, ['settings']);
  const [categories, setCategories] = useState('');
  const [hours, setHours] = useState('');
  const [requireTwoFactor, setRequireTwoFactor] = useState(false);
  const [isAckCommander, setAckCommander] = useState(true);
  useEffect(() => {
    if (!settings.data) return;
    setCategories(settings.data.categories.join('\n'));
    setHours(String(settings.data.reopenWindowHours));
    setRequireTwoFactor(settings.data.requireTwoFactor);
    setAckCommander(settings.data.assignCommanderOnAcknowledge);
  }, [settings.data]);
  const loaded = settings.data;
  useUnsavedChanges(
    loaded !== undefined &&
      (categories !== loaded.categories.join('\n') ||
        hours !== String(loaded.reopenWindowHours) ||
        requireTwoFactor !== loaded.requireTwoFactor ||
        isAckCommander !== loaded.assignCommanderOnAcknowledge),
  );

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const list = categories
      .split('\n')
      .map((c) => c.trim())
      .filter(Boolean);
    save.mutate({
      categories: [...new Set(list)],
      reopenWindowHours: Number(hours),
      requireTwoFactor,
      assignCommanderOnAcknowledge: isAckCommander,
    });
  };

  if (settings.isPending) return <Loading what="Loading settings" />;
  return (
    <div className="narrow">
      <div className="page-head">
        <h1>Settings</h1>
      </div>
      <ErrorBanner error={settings.error} />
      <form className="card" onSubmit={submit} noValidate aria-label="Settings">
        <ErrorBanner error={save.error} shownFields={['categories', 'reopenWindowHours']} />
        <TextAreaField
          label="Incident categories"
          error={fieldError(save.error, 'categories')}
          hint="One per line; offered when declaring an incident."
          rows={8}
          readOnly={!isAdmin}
          value={categories}
          onChange={(e) => setCategories(e.target.value)}
        />
        <TextField
          label="Reopen window (hours)"
          error={fieldError(save.error, 'reopenWindowHours')}
          hint="How long after resolution an incident may still be reopened."
          type="number"
          min={0}
          step={1}
          readOnly={!isAdmin}
          value={hours}
          onChange={(e) => setHours(e.target.value)}
        />
        <label className="check">
          <input
            type="checkbox"
            disabled={!isAdmin}
            checked={requireTwoFactor}
            onChange={(e) => setRequireTwoFactor(e.target.checked)}
          />
          <span>Require two-factor authentication for everyone signing in with a password</span>
        </label>
        <label className="check">
          <input
            type="checkbox"
            disabled={!isAdmin}
            checked={isAckCommander}
            onChange={(e) => setAckCommander(e.target.checked)}
          />
          <span>Acknowledging an incident without a commander makes the acknowledger its commander</span>
        </label>
        {isAdmin ? (
          <FormActions submitLabel="Save settings" pendingLabel="Saving…" isPending={save.isPending}>
            {save.isSuccess ? <span className="ok-text">Saved.</span> : null}
          </FormActions>
        ) : (
          <p className="muted">Only administrators can change settings.</p>
        )}
      </form>
      {settings.data ? (
        <>
          <ReminderSettings settings={settings.data} isAdmin={isAdmin} />
          <StakeholderDefaultSettings settings={settings.data} isAdmin={isAdmin} />
          <ResolutionSettingsCard isAdmin={isAdmin} />
          <ReviewRequirementSettings settings={settings.data} isAdmin={isAdmin} />
        </>
      ) : null}
    </div>
  );
}
