import { useState, type SyntheticEvent } from 'react';
import type { FollowUp, FollowUpState } from '../../core/schemas/follow-ups.js';
import { canMoveFollowUp } from '../../core/schemas/follow-ups.js';
import { TEXT_LIMITS } from '../../core/text/limits.js';
import { useUpdateFollowUp } from '../api/follow-ups.js';
import { ActionError } from './action-error.js';
import { fieldError } from './form.js';
import { FormActions } from './form-actions.js';
import { TextField } from './text-field.js';

/** The state moves offered as buttons, in the order a follow-up usually takes them. */
const MOVES: { to: FollowUpState; label: string }[] = [
  { to: 'in_progress', label: 'Start' },
  { to: 'done', label: 'Mark done' },
  { to: 'open', label: 'Reopen' },
];

interface Props {
  followUp: FollowUp;
  /** Reloads after a refusal because someone else changed it meanwhile. */
  onReload: () => void;
}

/**
 * Buttons that move a follow-up on (start, done, won't do with its reason, reopen); the API's
 * refusals show beneath them.
 */
export function FollowUpStateActions({ followUp, onReload }: Props) {
  const update = useUpdateFollowUp();
  const [isAskingReason, setAskingReason] = useState(false);
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState<string | undefined>();
  const move = (state: FollowUpState, extra: { wontDoReason?: string } = {}) =>
    update.mutate(
      { id: followUp.id, body: { state, ...extra, version: followUp.version } },
      { onSuccess: () => setAskingReason(false) },
    );
  const submitReason = (event: SyntheticEvent) => {
    event.preventDefault();
    if (!reason.trim()) {
      setMissing("Say why it won't be done");
      return;
    }
    setMissing(undefined);
    move('wont_do', { wontDoReason: reason.trim() });
  };
  // Open follow-ups are reopened only from done or won't do; "Reopen" on an in-progress one is "stop".
  const moves = MOVES.filter(
    (m) => canMoveFollowUp(followUp.state, m.to) && !(m.to === 'open' && followUp.state === 'in_progress'),
  );
  const reload = () => {
    update.reset();
    onReload();
  };
  return (
    <div className="fu-actions">
      <div className="toolbar" role="group" aria-label={`Move ${followUp.ref}`}>
        {moves.map((m) => (
          <button
            key={m.to}
            type="button"
            className={m.to === 'done' ? 'button small success' : 'button small'}
            disabled={update.isPending}
            aria-label={`${m.label} ${followUp.ref}`}
            onClick={() => move(m.to)}
          >
            {m.label}
          </button>
        ))}
        {canMoveFollowUp(followUp.state, 'wont_do') ? (
          <button
            type="button"
            className="button small ghost"
            aria-expanded={isAskingReason}
            onClick={() => setAskingReason(!isAskingReason)}
          >
            Won&apos;t do…
          </button>
        ) : null}
      </div>
      {isAskingReason ? (
        <form
          className="fu-reason"
          onSubmit={submitReason}
          noValidate
          aria-label={`Won't do ${followUp.ref}`}
        >
          <TextField
            label="Reason it won't be done"
            error={missing ?? fieldError(update.error, 'wontDoReason')}
            limit={TEXT_LIMITS.reason}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
          <FormActions
            submitLabel="Won't do"
            pendingLabel="Saving…"
            isPending={update.isPending}
            onCancel={() => setAskingReason(false)}
            submitClassName="button small danger-outline"
          />
        </form>
      ) : null}
      <ActionError
        error={update.error}
        onReload={reload}
        subject="follow-up"
        shownFields={isAskingReason ? ['wontDoReason'] : []}
      />
    </div>
  );
}
