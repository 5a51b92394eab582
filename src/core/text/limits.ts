/**
 * Length limits of text fields, shared by the API schemas and the forms' counters so a form
 * shows the limit the server enforces (no zod here: the UI bundle imports this).
 */
export const TEXT_LIMITS = {
  /** An incident's title. */
  title: 200,
  /** Summaries, notes, resolution summaries, root causes. */
  longText: 20_000,
  /** Names of services, teams, integrations. */
  name: 100,
  /** Descriptions of services and response plans. */
  description: 5_000,
  /** Names of schedules and escalation policies. */
  oncallName: 200,
  /** Descriptions of schedules and escalation policies. */
  oncallDescription: 2_000,
  /** A status or stakeholder update. */
  update: 10_000,
  /** Why a maintenance window is scheduled. */
  reason: 1_000,
  /** A contact method's address and a webhook's URL. */
  address: 2_000,
  /** A webhook subscription's description. */
  webhookDescription: 500,
  /** A task's title, in a plan or on an incident. */
  taskTitle: 200,
  /** The text an HTTP check looks for in the body. */
  checkKeyword: 200,
  /** The host a TCP check connects to. */
  host: 255,
  /** An email address (the longest an SMTP path allows). */
  email: 254,
} as const;
