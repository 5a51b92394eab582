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
  if (isNew) return `Test alert received: it opened ${ref} (${status}).`;
  return `Test alert received: it joined ${ref}, which is already open, so nobody is paged again. Resolve ${ref} to page with the next test alert.`;
}

/** The outcome of the last test alert (or its error), with a link to its incident. */
export function TestAlertOutcome({ send }: { send: ReturnType<typeof useSendTestAlert> }) {
  const incident = send.data?.incident;
  return (
    <>
      {send.data ? (
        <p className="test-alert-result" role="status">
          {outcomeText(send.data)}{' '}
          {incident ? <Link to={`/incidents/${incident.ref}`}>Open {incident.ref}</Link> : null}
        </p>
      ) : null}
      <ErrorBanner error={send.error} />
    </>
  );
}

/**
 * "Send test alert": one alert through the real pipeline, as if the integration had sent it.
 * Pass `send` to show the outcome elsewhere (it then stays when the button goes).
 */
export function TestAlertButton({
  integrationId,
  send: shared,
}: {
  integrationId: number;
  send?: ReturnType<typeof useSendTestAlert>;
}) {
  const own = useSendTestAlert();
  const send = shared ?? own;
  return (
    <div className="test-alert">
      <button
        type="button"
        className="button small"
        disabled={send.isPending}
        onClick={() => send.mutate(integrationId)}
      >
        {send.isPending ? 'Sending…' : 'Send test alert'}
      </button>
      {shared ? null : <TestAlertOutcome send={send} />}
    </div>
  );
}
