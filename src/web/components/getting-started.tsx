import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { GettingStartedStep } from '../../core/schemas/getting-started.js';
import { useServices } from '../api/catalog.js';
import {
  useAllIntegrations,
  useDismissGettingStarted,
  useGettingStarted,
  useSendTestAlert,
} from '../api/getting-started.js';
import { ErrorBanner, Loading } from './form.js';
import { TestAlertButton, TestAlertOutcome } from './test-alert-button.js';

/** What each step asks for, and why. */
const STEPS: Record<GettingStartedStep, { title: string; text: string }> = {
  service: {
    title: 'Add a service',
    text: 'A service is what alerts and incidents are about: checkout, the API, the database.',
  },
  integration: {
    title: 'Connect your monitoring',
    text: 'Add an integration to the service: Prometheus, PagerDuty or Opsgenie senders, JSON, or email. Its setup shows a curl example for each format.',
  },
  testAlert: {
    title: 'Send a test alert',
    text: 'It goes through the same pipeline as a real alert and opens an incident on the service.',
  },
  schedule: {
    title: 'Set up who is on call',
    text: 'A schedule rotates people through on-call shifts.',
  },
  policy: {
    title: 'Attach an escalation policy',
    text: 'The policy says whom an incident pages and when; attach it to the service.',
  },
  contactMethod: {
    title: 'Add your contact method',
    text: 'Email, phone (SMS, voice, ntfy, Pushover, Telegram), chat or webhook: where your pages reach you.',
  },
  testPage: {
    title: 'Get a test page',
    text: 'Resolve the test incident, then send another test alert: the policy pages whoever is on call. This ticks off when a page has reached you.',
  },
};

/** The action of a step that is not done yet. */
function StepAction({
  step,
  serviceId,
  integrationId,
  send,
}: {
  step: GettingStartedStep;
  serviceId: number | undefined;
  integrationId: number | undefined;
  /** The checklist's own test-alert request, whose outcome stays after the step ticks. */
  send: ReturnType<typeof useSendTestAlert>;
}): ReactNode {
  const link = (to: string, text: string) => (
    <Link to={to} className="button small">
      {text}
    </Link>
  );
  switch (step) {
    case 'service':
      return link('/services', 'Add a service');
    case 'integration':
      return serviceId === undefined
        ? null
        : link(`/services/${serviceId}?tab=integrations`, 'Add an integration');
    case 'testAlert':
    case 'testPage':
      return integrationId === undefined ? (
        <span className="muted">Needs an enabled integration.</span>
      ) : (
        <TestAlertButton integrationId={integrationId} send={send} />
      );
    case 'schedule':
      return link('/oncall/schedules', 'Create a schedule');
    case 'policy':
      return link('/escalation-policies', 'Create a policy');
    case 'contactMethod':
      return link('/account/notifications', 'Add a contact method');
  }
}

/**
 * The getting-started checklist: each step ticks itself off from what exists in Beacon (not
 * from clicks here). `isOptional` (on the home page) hides it once done or put away.
 */
export function GettingStartedChecklist({
  isOptional = false,
  isCompact = false,
}: {
  isOptional?: boolean;
  /** One line linking to the checklist page, so it does not push a list down. */
  isCompact?: boolean;
}) {
  const checklist = useGettingStarted();
  const dismiss = useDismissGettingStarted();
  const services = useServices();
  const integrations = useAllIntegrations();
  const send = useSendTestAlert();
  const data = checklist.data;
  if (isOptional && (!data || data.isComplete || data.dismissedAt !== null)) return null;
  if (!data) return checklist.error ? <ErrorBanner error={checklist.error} /> : <Loading />;
  const serviceId = services.data?.[0]?.id;
  const integrationId = integrations.data?.find((i) => !i.disabled)?.id;
  const doneCount = data.steps.filter((s) => s.isDone).length;
  const next = data.steps.find((s) => !s.isDone)?.id;
  // One "Send test alert" at a time: the test page's button shows once the first alert came.
  const isTestAlertDone = data.steps.some((s) => s.id === 'testAlert' && s.isDone);
  if (isCompact) {
    return (
      <p className="getting-started-line">
        <Link to="/getting-started">Getting started</Link>: {doneCount} of {data.steps.length} done
        {next ? ` · next: ${STEPS[next].title.toLowerCase()}` : ''}
      </p>
    );
  }
  return (
    <section className="card getting-started" aria-labelledby="getting-started-title">
      <div className="card-head">
        <h2 className="card-title" id="getting-started-title">
          Getting started
        </h2>
        <span className="muted" data-testid="getting-started-progress">
          {doneCount} of {data.steps.length} done
        </span>
        <button
          type="button"
          className="button small ghost"
          disabled={dismiss.isPending}
          onClick={() => dismiss.mutate(data.dismissedAt === null)}
        >
          {data.dismissedAt === null ? 'Hide checklist' : 'Show on the incident list'}
        </button>
      </div>
      <ErrorBanner error={dismiss.error} />
      <ol className="checklist">
        {data.steps.map(({ id, isDone }) => (
          <li
            key={id}
            className={isDone ? 'step done' : id === next ? 'step next' : 'step'}
            data-testid={`step-${id}`}
            aria-label={`${STEPS[id].title}: ${isDone ? 'done' : 'to do'}`}
          >
            <span className="step-mark" aria-hidden="true">
              {isDone ? '✓' : ''}
            </span>
            <div className="step-body">
              <strong>{STEPS[id].title}</strong>
              <p className="muted">{STEPS[id].text}</p>
              {!isDone && (id !== 'testPage' || isTestAlertDone) ? (
                <StepAction step={id} serviceId={serviceId} integrationId={integrationId} send={send} />
              ) : null}
            </div>
          </li>
        ))}
      </ol>
      <TestAlertOutcome send={send} />
    </section>
  );
}
