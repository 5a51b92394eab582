import { useState, type SyntheticEvent } from 'react';
import type { Integration, IntegrationType, IntegrationWithKey } from '../../core/schemas/alerting.js';
import {
  createIntegration,
  deleteIntegration,
  rotateIntegration,
  updateIntegration,
  useIntegrations,
} from '../api/alerting.js';
import { useWrite } from '../api/catalog.js';
import { useInboundMail } from '../api/inbound-mail.js';
import { useCurrentUser } from '../api/session.js';
import { CodeBlock } from './copy.js';
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
import { IntegrationKeyPrefix, NewIntegrationKey } from './integration-key.js';
import { TestAlertButton } from './test-alert-button.js';
import { useUnsavedChanges } from './unsaved-changes.js';
import { TEXT_LIMITS } from '../../core/text/limits.js';

/** A key just made, kept only in this page's memory: the server never returns it again. */
interface NewKey {
  integrationId: number;
  secret: string;
}

/** A service's integrations: key prefixes, setup instructions, add, regenerate, disable, delete. */
export function Integrations({ serviceId }: { serviceId: number }) {
  const integrations = useIntegrations(serviceId);
  const { isAdmin } = useCurrentUser();
  const [openId, setOpenId] = useState<number | null>(null);
  const [newKey, setNewKey] = useState<NewKey | null>(null);
  const showNewKey = (i: IntegrationWithKey) => {
    setNewKey({ integrationId: i.id, secret: i.key });
    setOpenId(i.id);
  };

  return (
    <>
      {isAdmin ? <NewIntegrationForm serviceId={serviceId} onCreated={showNewKey} /> : null}
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
            newKey={newKey?.integrationId === integration.id ? newKey.secret : null}
            onNewKey={showNewKey}
            onNewKeyDone={() => setNewKey(null)}
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
  onCreated: (integration: IntegrationWithKey) => void;
}) {
  const create = useWrite(createIntegration, ['integrations']);
  const [type, setType] = useState<IntegrationType>('alertmanager');
  const [name, setName] = useState('');
  useUnsavedChanges(name.trim() !== '');
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
          limit={TEXT_LIMITS.name}
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

/** One integration: type, name, state, key prefix (or a new key, once) and its setup panel. */
function IntegrationCard({
  integration: i,
  isOpen,
  onToggle,
  newKey,
  onNewKey,
  onNewKeyDone,
}: {
  integration: Integration;
  isOpen: boolean;
  onToggle: () => void;
  /** The key just made for this integration, if any. */
  newKey: string | null;
  onNewKey: (integration: IntegrationWithKey) => void;
  onNewKeyDone: () => void;
}) {
  const { isAdmin, canWrite } = useCurrentUser();
  const update = useWrite(updateIntegration, ['integrations']);
  const disabled = usePendingValues<boolean>();
  const isDisabled = disabled.valueOf('disabled', i.disabled);
  const rotate = useWrite(rotateIntegration, ['integrations']);
  const remove = useWrite(deleteIntegration, ['integrations']);
  const [isRenaming, setRenaming] = useState(false);
  const [name, setName] = useState(i.name);
  useUnsavedChanges(isRenaming && name !== i.name);

  const onRegenerate = () => {
    if (window.confirm(`Replace the key of “${i.name}”? Senders using the old key stop working at once.`))
      rotate.mutate(i.id, { onSuccess: onNewKey });
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
            <TextField
              label="Integration name"
              error={fieldError(update.error, 'name')}
              limit={TEXT_LIMITS.name}
              autoFocus
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
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
      {newKey !== null ? (
        <NewIntegrationKey integration={i} secret={newKey} onDone={onNewKeyDone} />
      ) : (
        <IntegrationKeyPrefix
          integration={i}
          isRegenerating={rotate.isPending}
          {...(isAdmin ? { onRegenerate } : {})}
        />
      )}
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
      {canWrite && !isDisabled ? <TestAlertButton integrationId={i.id} /> : null}
      {isOpen ? <SetupPanel integration={i} newKey={newKey} /> : null}
    </section>
  );
}

/**
 * Copy-paste configuration for the integration, with the real address, and the key when it
 * was just made (the only time the page knows it).
 */
function SetupPanel({ integration, newKey }: { integration: Integration; newKey: string | null }) {
  const inboundMail = useInboundMail();
  // The email example names the SMTP port: show nothing to copy until it is known.
  if (inboundMail.isPending) return <Loading what="Loading the set-up" />;
  const snippets = setupSnippets(
    integration.type,
    beaconAddress(window.location.href),
    newKey,
    inboundMail.data?.port ?? null,
  );
  return (
    <div className="setup-panel" data-testid="setup-panel">
      {newKey === null ? (
        <p className="alert alert-warning">
          Replace <code>&lt;integration-key&gt;</code> with the key (it starts{' '}
          <code>{integration.keyPrefix}</code>). Beacon shows a key only once, when it is made; if it is lost,
          an administrator can regenerate it (senders using the old key then stop working).
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
