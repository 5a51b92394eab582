import { useState, type SyntheticEvent } from 'react';
import type { Integration, IntegrationType } from '../../core/schemas/alerting.js';
import {
  createIntegration,
  deleteIntegration,
  rotateIntegration,
  updateIntegration,
  useIntegrations,
} from '../api/alerting.js';
import { useWrite } from '../api/catalog.js';
import { useCurrentUser } from '../api/session.js';
import { CodeBlock, CopyButton } from './copy.js';
import { ErrorBanner, Field, Loading, fieldError } from './form.js';
import { usePendingValues } from './optimistic.js';
import { formatTime } from './format.js';
import {
  INTEGRATION_TYPES,
  INTEGRATION_TYPE_HINTS,
  INTEGRATION_TYPE_LABELS,
  beaconAddress,
  setupSnippets,
} from './integration-setup.js';
import { TextField } from './text-field.js';
import { DeleteButton } from './delete-button.js';

/** A service's integrations: keys, setup instructions, add, rotate, disable, delete. */
export function Integrations({ serviceId }: { serviceId: number }) {
  const integrations = useIntegrations(serviceId);
  const { isAdmin } = useCurrentUser();
  const [openId, setOpenId] = useState<number | null>(null);

  return (
    <>
      {isAdmin ? <NewIntegrationForm serviceId={serviceId} onCreated={(i) => setOpenId(i.id)} /> : null}
      <ErrorBanner error={integrations.error} />
      {integrations.isPending ? <Loading what="Loading integrations" /> : null}
      {integrations.data?.length === 0 ? (
        <div className="empty">
          No integrations yet.{' '}
          {isAdmin
            ? 'Add one above to receive alerts from your monitoring.'
            : 'An administrator can add one to receive alerts from monitoring.'}
        </div>
      ) : null}
      <div className="integration-list">
        {(integrations.data ?? []).map((integration) => (
          <IntegrationCard
            key={integration.id}
            integration={integration}
            isOpen={openId === integration.id}
            onToggle={() => setOpenId(openId === integration.id ? null : integration.id)}
          />
        ))}
      </div>
    </>
  );
}

/** Admins: pick a type and a name. */
function NewIntegrationForm({
  serviceId,
  onCreated,
}: {
  serviceId: number;
  onCreated: (integration: Integration) => void;
}) {
  const create = useWrite(createIntegration, ['integrations']);
  const [type, setType] = useState<IntegrationType>('alertmanager');
  const [name, setName] = useState('');
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    create.mutate(
      { serviceId, type, name: name.trim() || INTEGRATION_TYPE_LABELS[type] },
      {
        onSuccess: (integration) => {
          setName('');
          onCreated(integration);
        },
      },
    );
  };
  return (
    <form className="card" onSubmit={submit} noValidate aria-label="Add integration">
      <h2 className="card-title">Add integration</h2>
      <ErrorBanner error={create.error} shownFields={['type', 'name']} />
      <div className="inline-form flush">
        <Field label="Type" error={fieldError(create.error, 'type')} hint={INTEGRATION_TYPE_HINTS[type]}>
          {(id, d) => (
            <select
              id={id}
              aria-describedby={d}
              value={type}
              onChange={(e) => setType(e.target.value as IntegrationType)}
            >
              {INTEGRATION_TYPES.map((t) => (
                <option key={t} value={t}>
                  {INTEGRATION_TYPE_LABELS[t]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <TextField
          label="Integration name"
          error={fieldError(create.error, 'name')}
          hint="Where alerts come from."
          placeholder={INTEGRATION_TYPE_LABELS[type]}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <button type="submit" className="button primary" disabled={create.isPending}>
          {create.isPending ? 'Adding…' : 'Add integration'}
        </button>
      </div>
    </form>
  );
}

/** One integration: type, name, state, key (admins) and its setup panel. */
function IntegrationCard({
  integration: i,
  isOpen,
  onToggle,
}: {
  integration: Integration;
  isOpen: boolean;
  onToggle: () => void;
}) {
  const { isAdmin } = useCurrentUser();
  const update = useWrite(updateIntegration, ['integrations']);
  const disabled = usePendingValues<boolean>();
  const isDisabled = disabled.valueOf('disabled', i.disabled);
  const rotate = useWrite(rotateIntegration, ['integrations']);
  const remove = useWrite(deleteIntegration, ['integrations']);
  const [isRenaming, setRenaming] = useState(false);
  const [name, setName] = useState(i.name);

  const onRotate = () => {
    if (window.confirm(`Replace the key of “${i.name}”? Senders using the old key stop working at once.`))
      rotate.mutate(i.id);
  };
  const onDelete = () => {
    if (window.confirm(`Delete the integration “${i.name}”? Alerts sent with its key are refused.`))
      remove.mutate(i.id);
  };
  const rename = (event: SyntheticEvent) => {
    event.preventDefault();
    update.mutate({ id: i.id, name: name.trim() }, { onSuccess: () => setRenaming(false) });
  };

  return (
    <section
      className={`card integration${i.disabled ? ' is-disabled' : ''}`}
      aria-label={i.name}
      data-testid="integration"
    >
      <div className="card-head">
        {isRenaming ? (
          <form className="rename-form" onSubmit={rename} noValidate>
            <Field label="Integration name" error={fieldError(update.error, 'name')}>
              {(id) => <input id={id} autoFocus value={name} onChange={(e) => setName(e.target.value)} />}
            </Field>
            <button type="submit" className="button small primary" disabled={update.isPending}>
              Save
            </button>
            <button type="button" className="button small ghost" onClick={() => setRenaming(false)}>
              Cancel
            </button>
          </form>
        ) : (
          <div className="integration-title">
            <h3>{i.name}</h3>
            <span className="chip tag">{INTEGRATION_TYPE_LABELS[i.type]}</span>
            {i.disabled ? (
              <span className="badge status-closed">Disabled</span>
            ) : (
              <span className="badge status-resolved">
                <span className="dot" aria-hidden="true" />
                Enabled
              </span>
            )}
          </div>
        )}
        <div className="toolbar">
          <button
            type="button"
            className={isOpen ? 'button small primary' : 'button small'}
            aria-expanded={isOpen}
            onClick={onToggle}
          >
            {isOpen ? 'Hide setup' : 'Set up'}
          </button>
        </div>
      </div>
      <ErrorBanner error={update.error ?? rotate.error ?? remove.error} shownFields={['name']} />
      {i.key !== null ? (
        <div className="key-row">
          <label className="label-text" htmlFor={`integration-key-${i.id}`}>
            Key
          </label>
          <input
            id={`integration-key-${i.id}`}
            readOnly
            className="mono"
            aria-label={`Key of ${i.name}`}
            data-testid="integration-key"
            value={i.key}
            onFocus={(e) => e.target.select()}
          />
          <CopyButton text={i.key} what={`key of ${i.name}`} />
          <button type="button" className="button small" onClick={onRotate} disabled={rotate.isPending}>
            Rotate key
          </button>
        </div>
      ) : null}
      <div className="integration-foot">
        <p className="muted">
          Added {formatTime(i.createdAt)}
          {isDisabled ? ' · disabled: events sent with its key are refused' : null}
        </p>
        {isAdmin && !isRenaming ? (
          <div className="toolbar">
            <button type="button" className="button small ghost" onClick={() => setRenaming(true)}>
              Rename
            </button>
            <button
              type="button"
              className="button small ghost"
              aria-busy={disabled.isPending('disabled')}
              onClick={() =>
                disabled.change('disabled', !isDisabled, (value, settle) =>
                  update.mutate({ id: i.id, disabled: value }, settle),
                )
              }
            >
              {isDisabled ? 'Enable' : 'Disable'}
            </button>
            <DeleteButton onClick={onDelete} isPending={remove.isPending} isSmall />
          </div>
        ) : null}
      </div>
      {isOpen ? <SetupPanel integration={i} /> : null}
    </section>
  );
}

/** Copy-paste configuration for the integration, with the real address and (admins) key. */
function SetupPanel({ integration }: { integration: Integration }) {
  const snippets = setupSnippets(integration.type, beaconAddress(window.location.href), integration.key);
  return (
    <div className="setup-panel" data-testid="setup-panel">
      {integration.key === null ? (
        <p className="alert alert-warning">
          The key is shown to administrators only: replace <code>&lt;integration-key&gt;</code> with the key
          they give you.
        </p>
      ) : null}
      {snippets.map((s) => (
        <div key={s.title} className="snippet">
          <h4>{s.title}</h4>
          <p className="muted">{s.note}</p>
          <CodeBlock code={s.code} label={s.title} />
        </div>
      ))}
    </div>
  );
}
