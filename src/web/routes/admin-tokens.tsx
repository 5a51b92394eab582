import { useState, type SyntheticEvent } from 'react';
import type { CreatedToken } from '../../core/schemas/access.js';
import { createToken, revokeToken, useTokens } from '../api/access.js';
import { useUsers, useWrite } from '../api/catalog.js';
import { useCurrentUser } from '../api/session.js';
import { ErrorBanner, Field, Loading, fieldError } from '../components/form.js';
import { formatTime } from '../components/format.js';
import { TextField } from '../components/text-field.js';
import { FormActions } from '../components/form-actions.js';
import { DataTable } from '../components/data-table.js';
import { Checkbox } from '../components/check-list.js';
import { useUnsavedChanges } from '../components/unsaved-changes.js';
import { TEXT_LIMITS } from '../../core/text/limits.js';

/** API tokens: create (secret shown once), list, revoke. Admins may see everyone's. */
export function TokensPage() {
  const { isAdmin } = useCurrentUser();
  const [showAll, setShowAll] = useState(false);
  const tokens = useTokens(isAdmin && showAll);
  const revoke = useWrite(revokeToken, ['tokens']);
  const [created, setCreated] = useState<CreatedToken | null>(null);

  return (
    <>
      <div className="page-head">
        <h1>API tokens</h1>
        {isAdmin ? (
          <Checkbox checked={showAll} onChange={setShowAll}>
            Show everyone’s tokens
          </Checkbox>
        ) : null}
      </div>
      {created ? (
        <NewSecret token={created} onDone={() => setCreated(null)} />
      ) : (
        <NewTokenForm onCreated={setCreated} />
      )}
      <ErrorBanner error={tokens.error ?? revoke.error} />
      {tokens.isPending ? <Loading what="Loading tokens" /> : null}
      {tokens.data?.length === 0 ? <div className="empty">No tokens yet.</div> : null}
      {tokens.data && tokens.data.length > 0 ? (
        <DataTable columns={['Name', 'Owner', 'Created', 'Expires', 'Last used']} hasActions>
          {tokens.data.map((t) => (
            <tr key={t.id} className={t.revokedAt ? 'is-disabled' : undefined}>
              <td className="cell-main">
                <strong>{t.name}</strong>
                <code className="sub">{t.prefix}…</code>
              </td>
              <td data-label="Owner">{t.user.name || t.user.email}</td>
              <td data-label="Created">{formatTime(t.createdAt)}</td>
              <td data-label="Expires">{t.expiresAt ? formatTime(t.expiresAt) : 'Never'}</td>
              <td data-label="Last used">{t.lastUsedAt ? formatTime(t.lastUsedAt) : 'Never'}</td>
              <td className="cell-actions">
                {t.revokedAt ? (
                  <span className="muted">Revoked {formatTime(t.revokedAt)}</span>
                ) : (
                  <button
                    type="button"
                    className="button small danger-outline"
                    onClick={() =>
                      window.confirm(`Revoke “${t.name}”? Anything using it stops working.`) &&
                      revoke.mutate(t.id)
                    }
                  >
                    Revoke
                  </button>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      ) : null}
    </>
  );
}

/** The create form: name, optional expiry and (admins) the user it acts for. */
function NewTokenForm({ onCreated }: { onCreated: (token: CreatedToken) => void }) {
  const { isAdmin, user } = useCurrentUser();
  const users = useUsers();
  const create = useWrite(createToken, ['tokens']);
  const [name, setName] = useState('');
  const [expires, setExpires] = useState('');
  const [userId, setUserId] = useState('');
  useUnsavedChanges(name.trim() !== '' || expires !== '');
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    create.mutate(
      {
        name: name.trim(),
        ...(expires ? { expiresAt: new Date(`${expires}T23:59:59`).toISOString() } : {}),
        ...(userId ? { userId: Number(userId) } : {}),
      },
      {
        onSuccess: (token) => {
          setName('');
          setExpires('');
          onCreated(token);
        },
      },
    );
  };
  return (
    <form className="card form-grid four" onSubmit={submit} noValidate aria-label="New API token">
      <h2 className="card-title span-all">New token</h2>
      <div className="span-all">
        <ErrorBanner error={create.error} shownFields={['name', 'expiresAt', 'userId']} />
      </div>
      <TextField
        label="Token name"
        error={fieldError(create.error, 'name')}
        placeholder="ci-deploys"
        limit={TEXT_LIMITS.name}
        value={name}
        onChange={(e) => setName(e.target.value)}
      />
      <TextField
        label="Expires on"
        error={fieldError(create.error, 'expiresAt')}
        hint="Leave empty for no expiry."
        type="date"
        value={expires}
        onChange={(e) => setExpires(e.target.value)}
      />
      {isAdmin ? (
        <Field label="Acts as" error={fieldError(create.error, 'userId')}>
          {(id) => (
            <select id={id} value={userId} onChange={(e) => setUserId(e.target.value)}>
              <option value="">Me ({user?.email})</option>
              {(users.data ?? [])
                .filter((u) => u.id !== user?.id && !u.disabled)
                .map((u) => (
                  <option key={u.id} value={String(u.id)}>
                    {u.name || u.email}
                  </option>
                ))}
            </select>
          )}
        </Field>
      ) : null}
      <FormActions submitLabel="Create token" isPending={create.isPending} className="span-all" />
    </form>
  );
}

/** Shows a new token's secret once, with a copy button. */
function NewSecret({ token, onDone }: { token: CreatedToken; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  const copy = () =>
    void navigator.clipboard.writeText(token.token).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  return (
    <section className="card secret" aria-label="New token secret">
      <h2 className="card-title">Token “{token.name}” created</h2>
      <p>Copy it now — it will not be shown again.</p>
      <div className="secret-row">
        <input readOnly aria-label="Token secret" value={token.token} onFocus={(e) => e.target.select()} />
        <button type="button" className="button primary" onClick={copy}>
          {copied ? 'Copied' : 'Copy'}
        </button>
      </div>
      <button type="button" className="button ghost small" onClick={onDone}>
        Done
      </button>
    </section>
  );
}
