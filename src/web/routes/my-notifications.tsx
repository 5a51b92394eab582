import { useRef, useState, type SyntheticEvent } from 'react';
import {
  CONTACT_METHOD_TYPES,
  type ContactMethod,
  type ContactMethodType,
} from '../../core/schemas/oncall.js';
import { ApiError } from '../api/client.js';
import {
  errorAt,
  normalField,
  useAddContactMethod,
  useContactMethods,
  useNotificationRules,
  useRemoveContactMethod,
  useSaveNotificationRules,
} from '../api/paging.js';
import { useMyNotificationWarnings, useSendTestNotification, useTestNotification } from '../api/delivery.js';
import { useCurrentUser } from '../api/session.js';
import { ErrorBanner, Field, Loading } from '../components/form.js';
import { TextField } from '../components/text-field.js';
import { numberOrNull } from '../components/form-values.js';
import '../styles/paging.css';
import { useUnsavedChanges } from '../components/unsaved-changes.js';
import { TEXT_LIMITS } from '../../core/text/limits.js';

const TYPE_LABELS: Record<ContactMethodType, string> = {
  email: 'Email',
  webhook: 'Webhook',
  slack: 'Slack',
  teams: 'Microsoft Teams',
  ntfy: 'ntfy',
  pushover: 'Pushover',
  sms: 'SMS (Twilio)',
  voice: 'Phone call (Twilio)',
  telegram: 'Telegram',
};

const ADDRESS_HINTS: Record<ContactMethodType, string> = {
  email: 'The address pages are sent to.',
  webhook: 'Beacon POSTs signed JSON to this URL.',
  slack: 'An incoming-webhook URL: https://hooks.slack.com/services/…',
  teams: 'The URL of a Workflows “post to a channel” webhook (or a legacy connector).',
  sms: 'Your mobile number with its country code, e.g. +15017122661. Reply 4 to acknowledge, 6 to resolve.',
  voice: 'Your phone number with its country code, e.g. +15017122661. Press 4 to acknowledge, 6 to resolve.',
  telegram: 'Your chat id: send /start to the Beacon bot in Telegram and it replies with it.',
  ntfy: 'The topic URL your phone subscribes to: https://ntfy.sh/<topic> or your own server.',
  pushover: 'Your user key, from the top of the Pushover dashboard (30 letters and digits).',
};

/** The secret field of the types that take one: its label, hint, and whether it is required. */
const SECRET_FIELDS: Partial<
  Record<ContactMethodType, { label: string; hint: string; isRequired: boolean }>
> = {
  webhook: {
    label: 'Signing secret (optional)',
    hint: 'At least 16 characters; without one, Beacon signs with the server secret.',
    isRequired: false,
  },
  ntfy: {
    label: 'Access token (optional)',
    hint: 'For a protected topic: an ntfy access token (tk_…), sent as a Bearer token.',
    isRequired: false,
  },
  pushover: {
    label: 'Application token',
    hint: 'The API token of an application you create at pushover.net (30 letters and digits).',
    isRequired: true,
  },
};

/** The address field's label and input type of each contact method type. */
function addressInput(type: ContactMethodType): {
  label: string;
  inputType: 'email' | 'tel' | 'text' | 'url';
} {
  if (type === 'email') return { label: 'Email address', inputType: 'email' };
  if (type === 'sms' || type === 'voice') return { label: 'Phone number', inputType: 'tel' };
  if (type === 'telegram') return { label: 'Telegram chat id', inputType: 'text' };
  if (type === 'pushover') return { label: 'User key', inputType: 'text' };
  return { label: type === 'ntfy' ? 'Topic URL' : 'URL', inputType: 'url' };
}

/** How Beacon reaches me when an escalation pages me: contact methods and when each is used. */
export function MyNotificationsPage() {
  const methods = useContactMethods();
  return (
    <div className="narrow my-notifications">
      <h1>My notifications</h1>
      <p className="muted">
        When an escalation step or a reassignment pages you, Beacon notifies you by these rules until someone
        acknowledges.
      </p>
      <MyWarnings />
      <ContactMethods methods={methods.data} error={methods.error} />
      {methods.data ? <NotificationRules methods={methods.data} /> : null}
    </div>
  );
}

function ContactMethods({ methods, error }: { methods: ContactMethod[] | undefined; error: unknown }) {
  const remove = useRemoveContactMethod();
  return (
    <section className="card" aria-label="Contact methods">
      <h2 className="card-title">Contact methods</h2>
      <ErrorBanner error={error ?? remove.error} />
      {methods === undefined && !error ? <Loading what="Loading contact methods" /> : null}
      {methods?.length === 0 ? <p className="muted">No contact methods yet.</p> : null}
      <ul className="contact-methods">
        {(methods ?? []).map((m) => (
          <li key={m.id} data-testid="contact-method">
            <span className={`badge cm-${m.type}`}>{TYPE_LABELS[m.type]}</span>
            <span className="cm-main">
              <strong>{m.name}</strong>
              <span className="muted cm-address">{m.address}</span>
              {m.hasSecret ? (
                <span className="muted">
                  {m.type === 'webhook' ? 'Signed with its own secret' : 'With its token'}
                </span>
              ) : null}
            </span>
            <TestNotificationButton method={m} />
            <button
              type="button"
              className="button small ghost danger-outline"
              disabled={remove.isPending}
              aria-label={`Remove ${m.name}`}
              onClick={() => {
                if (window.confirm(`Remove “${m.name}”? Rules that use it are removed too.`))
                  remove.mutate(m.id);
              }}
            >
              Remove
            </button>
          </li>
        ))}
      </ul>
      <AddContactMethod />
    </section>
  );
}

function AddContactMethod() {
  const add = useAddContactMethod();
  const [added, setAdded] = useState<string | null>(null);
  const [type, setType] = useState<ContactMethodType>('email');
  const [address, setAddress] = useState('');
  const [name, setName] = useState('');
  const [secret, setSecret] = useState('');
  useUnsavedChanges(address.trim() !== '' || name.trim() !== '' || secret !== '');
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    add.mutate(
      {
        type,
        address: address.trim(),
        ...(name.trim() ? { name: name.trim() } : {}),
        ...(SECRET_FIELDS[type] && secret ? { secret } : {}),
      },
      {
        onSuccess: (method) => {
          setAddress('');
          setName('');
          setSecret('');
          setAdded(
            method.addedRule
              ? `Added “${method.name}”. It is your first contact method, so Beacon added a rule: pages now go to it at once (instead of the default email to your account address).`
              : `Added “${method.name}”. Add a notification rule below to be paged by it.`,
          );
        },
      },
    );
  };
  return (
    <form className="cm-add" onSubmit={submit} noValidate aria-label="Add a contact method">
      <h3>Add a contact method</h3>
      <ErrorBanner error={add.error} shownFields={['type', 'address', 'name', 'secret']} />
      {added && !add.error ? (
        <p className="alert alert-ok" role="status" data-testid="contact-method-added">
          {added}
        </p>
      ) : null}
      <div className="form-grid">
        <Field label="Type" error={errorAt(add.error, 'type')}>
          {(id) => (
            <select id={id} value={type} onChange={(e) => setType(e.target.value as ContactMethodType)}>
              {CONTACT_METHOD_TYPES.map((t) => (
                <option key={t} value={t}>
                  {TYPE_LABELS[t]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <TextField
          label={addressInput(type).label}
          error={errorAt(add.error, 'address')}
          hint={ADDRESS_HINTS[type]}
          type={addressInput(type).inputType}
          limit={TEXT_LIMITS.address}
          value={address}
          onChange={(e) => setAddress(e.target.value)}
        />
        <TextField
          label="Name (optional)"
          error={errorAt(add.error, 'name')}
          limit={TEXT_LIMITS.oncallName}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        {SECRET_FIELDS[type] ? (
          <TextField
            label={SECRET_FIELDS[type].label}
            error={errorAt(add.error, 'secret')}
            hint={SECRET_FIELDS[type].hint}
            autoComplete="off"
            value={secret}
            onChange={(e) => setSecret(e.target.value)}
          />
        ) : null}
      </div>
      <div className="form-actions">
        <button
          type="submit"
          className="button primary"
          disabled={add.isPending || !address.trim() || (SECRET_FIELDS[type]?.isRequired === true && !secret)}
        >
          Add contact method
        </button>
      </div>
    </form>
  );
}

/** Rules as the server has them. */
interface SavedRules {
  rules: { contactMethodId: number; delayMinutes: number }[];
  isDefault: boolean;
}

interface RuleDraft {
  key: number;
  delayMinutes: string;
  contactMethodId: string;
}

function NotificationRules({ methods }: { methods: ContactMethod[] }) {
  const rules = useNotificationRules();
  // Kept here: saving remounts the editor with the saved rules.
  const [confirmation, setConfirmation] = useState<string | null>(null);
  return (
    <section className="card" aria-label="Notification rules">
      <h2 className="card-title">Notification rules</h2>
      <ErrorBanner error={rules.error} />
      {confirmation ? (
        <p className="alert alert-ok" role="status" data-testid="rules-saved">
          {confirmation}
        </p>
      ) : null}
      {rules.data ? (
        <RulesEditor
          key={JSON.stringify(rules.data)}
          saved={rules.data}
          methods={methods}
          onSaved={(saved) =>
            setConfirmation(
              saved.isDefault
                ? 'Rules saved: you get the default, an email to your account address at once.'
                : `Rules saved: ${saved.rules.length === 1 ? '1 rule' : `${saved.rules.length} rules`}.`,
            )
          }
          onEdit={() => setConfirmation(null)}
        />
      ) : null}
    </section>
  );
}

/** Why my pages would fail now (say, email not configured on the server). */
function MyWarnings() {
  const warnings = useMyNotificationWarnings();
  const items = warnings.data ?? [];
  if (items.length === 0) return null;
  return (
    <div className="alert alert-error" role="alert" data-testid="my-notification-warnings">
      {items.map((warning) => (
        <p key={warning}>{warning}</p>
      ))}
    </div>
  );
}

/** Send a test page to one method through the real outbox and show how it went. */
function TestNotificationButton({ method }: { method: ContactMethod }) {
  const send = useSendTestNotification(method.id);
  const test = useTestNotification(method.id, send.isSuccess);
  const status = test.data?.status ?? send.data?.status;
  return (
    <span className="cm-test">
      <button
        type="button"
        className="button small"
        disabled={send.isPending || status === 'pending' || status === 'sending'}
        aria-label={`Send test notification to ${method.name}`}
        onClick={() => send.mutate()}
      >
        Send test notification
      </button>
      <ErrorBanner error={send.error ?? test.error} />
      {status ? (
        <span
          className={`cm-test-result ${status === 'sent' ? 'sent' : status === 'dead' ? 'failed' : ''}`}
          role="status"
          data-testid="test-result"
        >
          {status === 'sent'
            ? 'Test sent.'
            : status === 'dead'
              ? `Test failed: ${test.data?.lastError ?? 'unknown error'}`
              : 'Sending test…'}
        </span>
      ) : null}
    </span>
  );
}

/** The rules as an editable list of "after N minutes → method"; saved as a whole. */
function RulesEditor({
  saved,
  methods,
  onSaved,
  onEdit,
}: {
  saved: SavedRules;
  methods: ContactMethod[];
  onSaved: (saved: SavedRules) => void;
  onEdit: () => void;
}) {
  const { user } = useCurrentUser();
  const save = useSaveNotificationRules();
  const nextKey = useRef(0);
  const [drafts, setDrafts] = useState<RuleDraft[]>(() =>
    saved.rules.map((r) => ({
      key: nextKey.current++,
      delayMinutes: String(r.delayMinutes),
      contactMethodId: String(r.contactMethodId),
    })),
  );
  const edit = (next: RuleDraft[]) => {
    onEdit();
    setDrafts(next);
  };
  const setDraft = (index: number, patch: Partial<RuleDraft>) =>
    edit(drafts.map((d, i) => (i === index ? { ...d, ...patch } : d)));
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    save.mutate(
      drafts.map((d) => ({
        contactMethodId: Number(d.contactMethodId),
        // Empty goes as null so the server names the field instead of a silent 0.
        delayMinutes: numberOrNull(d.delayMinutes) as number,
      })),
      { onSuccess: onSaved },
    );
  };
  const inline =
    save.error instanceof ApiError
      ? save.error.fields.map((f) => f.field).filter((f) => /^rules\.\d+\./.test(normalField(f)))
      : [];

  return (
    <form onSubmit={submit} noValidate aria-label="Notification rules">
      {saved.isDefault ? (
        <p className="alert alert-ok" data-testid="default-rule">
          You have no rules, so you get the default: an email to <strong>{user?.email}</strong> at once.
        </p>
      ) : null}
      <ErrorBanner error={save.error} shownFields={inline} />
      {methods.length === 0 ? (
        <p className="muted">Add a contact method above to make your own rules.</p>
      ) : null}
      <ol className="rule-list">
        {drafts.map((d, index) => (
          <li key={d.key} className="rule-row" data-testid="notification-rule">
            <TextField
              label="After (min)"
              error={errorAt(save.error, `rules.${index}.delayMinutes`)}
              aria-label={`Rule ${index + 1}: after minutes`}
              type="number"
              inputMode="numeric"
              min={0}
              max={1440}
              value={d.delayMinutes}
              onChange={(e) => setDraft(index, { delayMinutes: e.target.value })}
            />
            <span className="rule-arrow" aria-hidden="true">
              →
            </span>
            <Field label="Notify by" error={errorAt(save.error, `rules.${index}.contactMethodId`)}>
              {(id, desc) => (
                <select
                  id={id}
                  aria-describedby={desc}
                  aria-label={`Rule ${index + 1}: notify by`}
                  value={d.contactMethodId}
                  onChange={(e) => setDraft(index, { contactMethodId: e.target.value })}
                >
                  {methods.map((m) => (
                    <option key={m.id} value={m.id}>
                      {TYPE_LABELS[m.type]}: {m.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <button
              type="button"
              className="button small ghost"
              aria-label={`Remove rule ${index + 1}`}
              onClick={() => edit(drafts.filter((_, i) => i !== index))}
            >
              ×
            </button>
          </li>
        ))}
      </ol>
      <div className="form-actions">
        <button
          type="button"
          className="button small"
          disabled={methods.length === 0 || drafts.length >= 50}
          onClick={() => {
            const last = drafts.at(-1);
            const delay = last ? Number(last.delayMinutes) + 5 || 5 : 0;
            const method = methods.find((m) => !drafts.some((d) => d.contactMethodId === String(m.id)));
            edit([
              ...drafts,
              {
                key: nextKey.current++,
                delayMinutes: String(delay),
                contactMethodId: String((method ?? methods[0])?.id ?? ''),
              },
            ]);
          }}
        >
          Add rule
        </button>
        <span className="nav-spacer" />
        <button type="submit" className="button primary" disabled={save.isPending}>
          {drafts.length === 0 && !saved.isDefault ? 'Use the default' : 'Save rules'}
        </button>
      </div>
      {!saved.isDefault && drafts.length > 0 ? (
        <p className="field-hint">
          Remove every rule and save to go back to the default (email to your account address at once).
        </p>
      ) : null}
    </form>
  );
}
