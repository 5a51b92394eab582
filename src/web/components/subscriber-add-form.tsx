import { useState, type SyntheticEvent } from 'react';
import type { StatusComponent } from '../../core/schemas/status-page.js';
import { TEXT_LIMITS } from '../../core/text/limits.js';
import { useWrite } from '../api/catalog.js';
import { addSubscriber, subscribersKey } from '../api/status-subscribers.js';
import { ErrorBanner, fieldError } from './form.js';
import { FormActions } from './form-actions.js';
import { TextField } from './text-field.js';

/** Add a subscriber by hand: asked to confirm by mail, or confirmed at once with a reason (audited). */
export function SubscriberAddForm({
  components,
  onDone,
}: {
  components: StatusComponent[];
  onDone: () => void;
}) {
  const add = useWrite(addSubscriber, [subscribersKey]);
  const [channel, setChannel] = useState<'email' | 'webhook'>('email');
  const [address, setAddress] = useState('');
  const [email, setEmail] = useState('');
  const [isAll, setAll] = useState(true);
  const [chosen, setChosen] = useState<number[]>([]);
  const [isSkipping, setSkipping] = useState(false);
  const [reason, setReason] = useState('');
  const [signingKey, setSigningKey] = useState<string | null>(null);
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    add.mutate(
      {
        channel,
        address,
        ...(channel === 'webhook' && email ? { email } : {}),
        componentIds: isAll ? [] : chosen,
        skipOptIn: isSkipping,
        ...(isSkipping ? { reason } : {}),
      },
      {
        onSuccess: (added) => {
          if (added.signingKey) setSigningKey(added.signingKey);
          else onDone();
        },
      },
    );
  };
  if (signingKey) {
    return (
      <div className="card-section" role="status">
        <p>
          Added. The webhook’s deliveries are signed with this key; give it to its owner now (it is also on
          the subscription page their confirmation mail links to):
        </p>
        <p>
          <code className="break">{signingKey}</code>
        </p>
        <button type="button" className="button" onClick={onDone}>
          Done
        </button>
      </div>
    );
  }
  return (
    <form className="stack-form" onSubmit={submit} aria-label="Add a subscriber">
      <ErrorBanner error={add.error} shownFields={['address', 'email', 'reason', 'componentIds']} />
      <fieldset className="inline-choices">
        <legend>Channel</legend>
        {(['email', 'webhook'] as const).map((value) => (
          <label key={value} className="choice">
            <input
              type="radio"
              name="channel"
              checked={channel === value}
              onChange={() => setChannel(value)}
            />{' '}
            {value === 'email' ? 'Email' : 'Webhook'}
          </label>
        ))}
      </fieldset>
      <TextField
        label={channel === 'email' ? 'Email address' : 'Webhook URL'}
        type={channel === 'email' ? 'email' : 'url'}
        value={address}
        onChange={(e) => setAddress(e.target.value)}
        error={fieldError(add.error, 'address')}
        limit={TEXT_LIMITS.address}
        required
      />
      {channel === 'webhook' ? (
        <TextField
          label="Owner’s email (for the confirmation)"
          type="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={fieldError(add.error, 'email')}
        />
      ) : null}
      <fieldset>
        <legend>Hears about</legend>
        <label className="choice">
          <input type="radio" name="scope" checked={isAll} onChange={() => setAll(true)} /> Every component
        </label>
        <label className="choice">
          <input type="radio" name="scope" checked={!isAll} onChange={() => setAll(false)} /> Chosen
          components
        </label>
        {!isAll
          ? components.map((c) => (
              <label key={c.id} className="choice indent">
                <input
                  type="checkbox"
                  checked={chosen.includes(c.id)}
                  onChange={(e) =>
                    setChosen(e.target.checked ? [...chosen, c.id] : chosen.filter((id) => id !== c.id))
                  }
                />{' '}
                {c.name}
              </label>
            ))
          : null}
      </fieldset>
      <label className="choice">
        <input type="checkbox" checked={isSkipping} onChange={(e) => setSkipping(e.target.checked)} /> Add as
        confirmed, without asking them (for example, moved from another status page)
      </label>
      {isSkipping ? (
        <TextField
          label="Why they need not confirm (kept in the audit log)"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          error={fieldError(add.error, 'reason')}
          limit={500}
          required
        />
      ) : null}
      <FormActions
        submitLabel={isSkipping ? 'Add subscriber' : 'Add and ask to confirm'}
        isPending={add.isPending}
        onCancel={onDone}
      />
    </form>
  );
}
