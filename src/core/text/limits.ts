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
} as const;
