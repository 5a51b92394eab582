import { Link } from 'react-router';
import type { TestAlertResult } from '../../core/schemas/getting-started.js';
import { useSendTestAlert } from '../api/getting-started.js';
import { ErrorBanner } from './form.js';

/** What became of a test alert, in a sentence. */
function outcomeText(result: TestAlertResult): string {
  if (!result.incident) {
    return result.result === 'suppressed'
      ? 'Test alert received, but the service is in maintenance: no incident, nobody paged.'
      : `Test alert received (${result.result}); it opened no incident.`;
  }
  const { ref, status, isNew } = result.incident;
  if (isNew && status === 'triggered')
    return `Test alert received: it opened ${ref}, which pages the service's escalation policy.`;
  if (isNew) return `Test alert received: it opened ${ref} (${status}).`;
  return `Test alert received: it joined ${ref}, which is already open, so nobody is paged again. Resolve ${ref} to page with the next test alert.`;
}

/** "Send test alert": one alert through the real pipeline, as if the integration had sent it. */
export function TestAlertButton({
  integrationId,
  className = 'button small',
}: {
  integrationId: number;
  className?: string;
}) {
  const send = useSendTestAlert();
  const incident = send.data?.incident;
  return (
    <div className="test-alert">
      <button
        type="button"
        className={className}
        disabled={send.isPending}
        onClick={() => send.mutate(integrationId)}
      >
        {send.isPending ? 'Sending…' : 'Send test alert'}
      </button>
      {send.data ? (
        <p className="test-alert-result" role="status">
          {outcomeText(send.data)}{' '}
          {incident ? <Link to={`/incidents/${incident.ref}`}>Open {incident.ref}</Link> : null}
        </p>
      ) : null}
      <ErrorBanner error={send.error} />
    </div>
  );
}
