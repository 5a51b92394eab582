import type { Integration } from '../../core/schemas/alerting.js';
import { CopyButton } from './copy.js';

/** A key just made (at creation or by "Regenerate key"): shown this once, with a copy button. */
export function NewIntegrationKey({
  integration: i,
  secret,
  onDone,
}: {
  integration: Integration;
  secret: string;
  onDone: () => void;
}) {
  return (
    <div className="new-key secret" role="status" aria-label={`New key of ${i.name}`}>
      <p>
        <strong>Copy this key now</strong> — it is not stored and will not be shown again. The setup below has
        it filled in.
      </p>
      <div className="key-row">
        <input
          readOnly
          className="mono"
          aria-label={`Key of ${i.name}`}
          data-testid="integration-key"
          value={secret}
          onFocus={(e) => e.target.select()}
        />
        <CopyButton text={secret} className="button small primary" what={`key of ${i.name}`} />
        <button type="button" className="button small ghost" onClick={onDone}>
          Done
        </button>
      </div>
    </div>
  );
}

/** A stored key: its first characters only, and (admins) a button to make a new one. */
export function IntegrationKeyPrefix({
  integration: i,
  onRegenerate,
  isRegenerating,
}: {
  integration: Integration;
  onRegenerate?: () => void;
  isRegenerating: boolean;
}) {
  return (
    <div className="key-row">
      <span className="label-text">Key</span>
      <code data-testid="integration-key-prefix" title="Only the start of the key is kept">
        {i.keyPrefix}…
      </code>
      {onRegenerate ? (
        <button type="button" className="button small" onClick={onRegenerate} disabled={isRegenerating}>
          {isRegenerating ? 'Regenerating…' : 'Regenerate key'}
        </button>
      ) : null}
    </div>
  );
}
