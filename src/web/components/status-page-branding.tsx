import { useEffect, useMemo, useState, type SyntheticEvent } from 'react';
import type { StatusPageSettings, StatusPageSettingsPatch } from '../../core/schemas/status-page.js';
import { brandContrast } from '../../core/status/brand-contrast.js';
import { TEXT_LIMITS } from '../../core/text/limits.js';
import { useWrite } from '../api/catalog.js';
import { patchStatusPage, statusPageKey } from '../api/status-page.js';
import { Checkbox } from './check-list.js';
import { ErrorBanner, Field, fieldError } from './form.js';
import { FormActions } from './form-actions.js';
import { TextField } from './text-field.js';
import { useUnsavedChanges } from './unsaved-changes.js';

type Draft = Required<Omit<StatusPageSettingsPatch, 'logoUrl'>> & { logoUrl: string };

const draftOf = (s: StatusPageSettings): Draft => ({
  name: s.name,
  logoUrl: s.logoUrl ?? '',
  brandColor: s.brandColor,
  timeZone: s.timeZone,
  isPrivate: s.isPrivate,
  reporterNotify: s.reporterNotify,
});

const FIELDS = ['name', 'logoUrl', 'brandColor', 'timeZone', 'isPrivate', 'reporterNotify'];

/** The IANA zones the browser knows, with the page's own first when the browser lacks it. */
function useTimeZones(current: string): string[] {
  return useMemo(() => {
    const zones = Intl.supportedValuesOf('timeZone');
    const all = zones.includes('UTC') ? zones : ['UTC', ...zones];
    return all.includes(current) ? all : [current, ...all];
  }, [current]);
}

/** The page's name, logo, colour, time zone, privacy and whom reporters hear from. */
export function StatusPageBranding({ settings }: { settings: StatusPageSettings }) {
  const save = useWrite(patchStatusPage, [statusPageKey]);
  const [draft, setDraft] = useState(() => draftOf(settings));
  useEffect(() => setDraft(draftOf(settings)), [settings]);
  useUnsavedChanges(JSON.stringify(draft) !== JSON.stringify(draftOf(settings)));
  const zones = useTimeZones(draft.timeZone);
  const change = (next: Partial<Draft>) => setDraft({ ...draft, ...next });
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const logoUrl = draft.logoUrl.trim();
    save.mutate({ ...draft, name: draft.name.trim(), logoUrl: logoUrl === '' ? null : logoUrl });
  };
  const error = (field: string) => fieldError(save.error, field);
  return (
    <form className="card" onSubmit={submit} noValidate aria-label="Page and branding">
      <h2 className="card-title">Page and branding</h2>
      <ErrorBanner error={save.error} shownFields={FIELDS} />
      <div className="form-grid">
        <TextField
          label="Page name"
          error={error('name')}
          limit={TEXT_LIMITS.name}
          value={draft.name}
          onChange={(e) => change({ name: e.target.value })}
        />
        <TextField
          label="Logo URL"
          error={error('logoUrl')}
          hint="An https:// address of an image; empty shows the name only."
          type="url"
          limit={TEXT_LIMITS.address}
          placeholder="https://example.com/logo.svg"
          value={draft.logoUrl}
          onChange={(e) => change({ logoUrl: e.target.value })}
        />
        <BrandColorField
          value={draft.brandColor}
          error={error('brandColor')}
          onChange={(brandColor) => change({ brandColor })}
        />
        <Field label="Time zone" error={error('timeZone')} hint="Times on the page are shown in it.">
          {(id, describedBy) => (
            <select
              id={id}
              aria-describedby={describedBy}
              value={draft.timeZone}
              onChange={(e) => change({ timeZone: e.target.value })}
            >
              {zones.map((zone) => (
                <option key={zone}>{zone}</option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <Checkbox checked={draft.isPrivate} onChange={(isPrivate) => change({ isPrivate })}>
        Private: only people signed in to Beacon can read the page
      </Checkbox>
      <fieldset className="radio-row">
        <legend className="label-text">Customers who reported a problem are told on</legend>
        <label className="check">
          <input
            type="radio"
            name="reporter-notify"
            checked={draft.reporterNotify === 'every_update'}
            onChange={() => change({ reporterNotify: 'every_update' })}
          />
          <span>every public update</span>
        </label>
        <label className="check">
          <input
            type="radio"
            name="reporter-notify"
            checked={draft.reporterNotify === 'resolution'}
            onChange={() => change({ reporterNotify: 'resolution' })}
          />
          <span>resolution only</span>
        </label>
      </fieldset>
      <FormActions submitLabel="Save page settings" pendingLabel="Saving…" isPending={save.isPending}>
        {save.isSuccess ? <span className="ok-text">Saved.</span> : null}
      </FormActions>
    </form>
  );
}

interface BrandColorProps {
  value: string;
  error: string | undefined;
  onChange: (value: string) => void;
}

/** `#rrggbb` typed or picked, with how readable it is as text on the page's white. */
function BrandColorField({ value, error, onChange }: BrandColorProps) {
  const contrast = brandContrast(value);
  const hint =
    contrast === null ? (
      'A colour such as #1f6feb.'
    ) : contrast.isReadable ? (
      <span data-testid="contrast-hint">Contrast on white {contrast.ratio}:1 — readable as text.</span>
    ) : (
      <span className="warn-text" data-testid="contrast-hint">
        Contrast on white {contrast.ratio}:1 — too pale for links and headings (aim for 4.5:1); choose a
        darker colour.
      </span>
    );
  return (
    <Field label="Brand colour" error={error} hint={hint}>
      {(id, describedBy) => (
        <div className="color-input">
          <input
            type="color"
            aria-label="Pick the brand colour"
            value={contrast === null ? '#000000' : value.toLowerCase()}
            onChange={(e) => onChange(e.target.value)}
          />
          <input
            id={id}
            aria-describedby={describedBy}
            aria-invalid={error ? true : undefined}
            value={value}
            onChange={(e) => onChange(e.target.value)}
          />
        </div>
      )}
    </Field>
  );
}
