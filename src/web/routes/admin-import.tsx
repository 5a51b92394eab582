import { useEffect, useState, type ChangeEvent, type SyntheticEvent } from 'react';
import type { ImportResult, ImportSetup, ImportSource } from '../../core/schemas/import.js';
import { useImportSources, useReadImport, useRunImport } from '../api/imports.js';
import { ErrorBanner, Field, Loading, fieldError } from '../components/form.js';
import { ImportReport } from '../components/import-report.js';
import { TextField } from '../components/text-field.js';
import '../styles/imports.css';

/** The set-up being looked at, where it came from, and its dry run. */
interface Planned {
  setup: ImportSetup;
  plan: ImportResult;
  from: string;
  /** What the source has that Beacon leaves behind, and why (reads only). */
  notes: string[];
}

/**
 * Admin: import another tool's on-call set-up. The server reads the source with a key typed
 * here (or a file saved by `beacon import … --save` is uploaded); the dry run is shown, and
 * Apply posts that very set-up.
 */
export function AdminImportPage() {
  const [planned, setPlanned] = useState<Planned | null>(null);
  const [applied, setApplied] = useState<ImportResult | null>(null);
  const run = useRunImport();
  const show = (next: Planned) => {
    setPlanned(next);
    setApplied(null);
    run.reset();
  };
  const apply = () => {
    if (!planned) return;
    const question = `Apply this plan? Beacon creates or changes what the plan lists (from ${planned.from}).`;
    if (!window.confirm(question)) return;
    run.mutate({ setup: planned.setup, apply: true }, { onSuccess: setApplied });
  };

  return (
    <div className="narrow import-page">
      <div className="page-head">
        <h1>Import</h1>
      </div>
      <p className="muted">
        Bring users, teams, schedules, escalation policies, services and integrations over from another
        on-call tool. Nothing changes until you apply the plan; applying again later changes only what changed
        in the source.
      </p>
      <ReadForm onPlanned={show} />
      <UploadForm onPlanned={show} />
      {applied ? (
        <section aria-label="Applied" className="import-result">
          <h2>Applied</h2>
          <ImportReport result={applied} />
        </section>
      ) : planned ? (
        <section aria-label="Dry run" className="import-result">
          <h2>Plan from {planned.from}</h2>
          <ImportReport result={planned.plan} />
          {planned.notes.length > 0 ? (
            <section className="card" aria-label="Also read">
              <h2 className="card-title">Also read from {planned.from}</h2>
              <ul className="import-notes">
                {planned.notes.map((note) => (
                  <li key={note}>{note}</li>
                ))}
              </ul>
            </section>
          ) : null}
          <ErrorBanner error={run.error} />
          <div className="form-actions">
            <button type="button" className="button primary" disabled={run.isPending} onClick={apply}>
              {run.isPending ? 'Applying…' : 'Apply'}
            </button>
          </div>
        </section>
      ) : null}
    </div>
  );
}

function ReadForm({ onPlanned }: { onPlanned: (planned: Planned) => void }) {
  const sources = useImportSources();
  const read = useReadImport();
  const [source, setSource] = useState<ImportSource | ''>('');
  const [apiUrl, setApiUrl] = useState('');
  const [token, setToken] = useState('');
  const info = sources.data?.find((s) => s.source === source);
  useEffect(() => {
    const first = sources.data?.[0];
    if (source === '' && first) {
      setSource(first.source);
      setApiUrl(first.defaultApiUrl);
    }
  }, [sources.data, source]);

  const choose = (event: ChangeEvent<HTMLSelectElement>) => {
    const next = sources.data?.find((s) => s.source === event.target.value);
    if (!next) return;
    setSource(next.source);
    setApiUrl(next.defaultApiUrl);
  };
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    if (source === '' || !info) return;
    read.mutate(
      { source, apiUrl, token },
      { onSuccess: (r) => onPlanned({ setup: r.setup, plan: r.result, from: info.label, notes: r.notes }) },
    );
  };

  if (sources.isPending) return <Loading what="Loading sources" />;
  return (
    <form className="card" onSubmit={submit} noValidate aria-label="Read from the source">
      <h2 className="card-title">Read from the source</h2>
      <ErrorBanner error={sources.error ?? read.error} shownFields={['source', 'apiUrl', 'token']} />
      <Field label="Source" error={fieldError(read.error, 'source')}>
        {(id, describedBy) => (
          <select id={id} aria-describedby={describedBy} value={source} onChange={choose}>
            {(sources.data ?? []).map((s) => (
              <option key={s.source} value={s.source}>
                {s.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <TextField
        label="API URL"
        type="url"
        error={fieldError(read.error, 'apiUrl')}
        hint="Beacon’s server reads this address; internal addresses need BEACON_OUTBOUND_ALLOW."
        value={apiUrl}
        onChange={(e) => setApiUrl(e.target.value)}
      />
      <TextField
        label={info ? `${info.label} ${info.tokenLabel}` : 'API key'}
        type="password"
        autoComplete="off"
        error={fieldError(read.error, 'token')}
        hint="Read-only access is enough. Used for this read only: never stored or logged."
        value={token}
        onChange={(e) => setToken(e.target.value)}
      />
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={read.isPending || source === ''}>
          {read.isPending ? 'Reading…' : 'Read and plan'}
        </button>
      </div>
    </form>
  );
}

function UploadForm({ onPlanned }: { onPlanned: (planned: Planned) => void }) {
  const plan = useRunImport();
  const [fileError, setFileError] = useState<string | null>(null);
  const upload = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setFileError(null);
    let setup: ImportSetup;
    try {
      setup = JSON.parse(await file.text()) as ImportSetup;
    } catch {
      setFileError(`${file.name} is not JSON: save it with beacon import … --save FILE.`);
      return;
    }
    plan.mutate(
      { setup, apply: false },
      { onSuccess: (r) => onPlanned({ setup, plan: r, from: file.name, notes: [] }) },
    );
  };
  return (
    <section className="card" aria-label="Upload a saved set-up">
      <h2 className="card-title">Or upload a saved set-up</h2>
      <p className="muted">
        When Beacon’s server cannot reach the source, read it on your machine with{' '}
        <code>beacon import pagerduty --save setup.json</code> (or <code>opsgenie</code>,{' '}
        <code>grafana-oncall</code>) and upload the file.
      </p>
      {fileError ? (
        <div className="alert alert-error" role="alert">
          {fileError}
        </div>
      ) : null}
      <ErrorBanner error={plan.error} />
      <Field label="Set-up file (JSON)">
        {(id, describedBy) => (
          <input
            id={id}
            aria-describedby={describedBy}
            type="file"
            accept="application/json,.json"
            disabled={plan.isPending}
            onChange={(e) => void upload(e)}
          />
        )}
      </Field>
    </section>
  );
}
