import { z } from 'zod';

/** The steps of the getting-started checklist, in the order a new install takes them. */
export const GETTING_STARTED_STEPS = [
  'service',
  'integration',
  'testAlert',
  'schedule',
  'policy',
  'contactMethod',
  'testPage',
] as const;
export type GettingStartedStep = (typeof GETTING_STARTED_STEPS)[number];

/** The checklist as the API shows it: each step ticked from what exists, not from clicks. */
export const GettingStarted = z.object({
  steps: z.array(z.object({ id: z.enum(GETTING_STARTED_STEPS), isDone: z.boolean() })),
  isComplete: z.boolean(),
  /** When the caller put the checklist away; null while it shows. */
  dismissedAt: z.iso.datetime({ offset: true }).nullable(),
});
export type GettingStarted = z.infer<typeof GettingStarted>;

/** What a test alert did: the alert it made and the incident it opened or joined. */
export const TestAlertResult = z.object({
  alertId: z.number().nullable(),
  /** `created` (a new alert), or what the pipeline did instead (`suppressed` in maintenance…). */
  result: z.string(),
  incident: z.object({ ref: z.string(), status: z.string(), isNew: z.boolean() }).nullable(),
});
export type TestAlertResult = z.infer<typeof TestAlertResult>;

/** Where Beacon takes alert mail: the SMTP listener's port, null when it is off. */
export const InboundMail = z.object({ port: z.number().nullable() });
export type InboundMail = z.infer<typeof InboundMail>;
