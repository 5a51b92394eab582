/** The formats an integration takes alerts in (apart from the zod schemas, for light importers). */
export const INTEGRATION_TYPES = ['alertmanager', 'pagerduty', 'opsgenie', 'generic', 'email'] as const;

/** One of {@link INTEGRATION_TYPES}. */
export type IntegrationType = (typeof INTEGRATION_TYPES)[number];
