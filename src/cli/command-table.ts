import type { Command } from 'commander';

/** Adds one sub-command, with its options and actions, to the program. */
export type RegisterCommand = (program: Command) => void;

/**
 * One `beacon` sub-command as the top-level help lists it, and its module, imported only when
 * the command runs: `beacon --help` then loads none of them (nor zod, which some pull in).
 * A test keeps `term` and `description` equal to what the module registers.
 */
export interface CommandEntry {
  /** The name with what follows it in the top-level help (`backup [options] <file>`). */
  term: string;
  description: string;
  load: () => Promise<RegisterCommand>;
}

/** The name a command is typed by. */
export function commandName(entry: CommandEntry): string {
  return entry.term.split(' ')[0] ?? entry.term;
}

/** Every sub-command, in the order the help lists them. */
export const COMMANDS: readonly CommandEntry[] = [
  {
    term: 'serve [options]',
    description: 'run the Beacon server (configured by environment variables, see docs)',
    load: async () => (await import('./serve.js')).registerServe,
  },
  {
    term: 'migrate',
    description: 'apply pending database migrations (serve also does this at start)',
    load: async () => (await import('./migrate.js')).registerMigrate,
  },
  {
    term: 'user',
    description: 'manage people (runs against the database directly)',
    load: async () => (await import('./user.js')).registerUser,
  },
  {
    term: 'token',
    description: 'manage API tokens (runs against the database directly)',
    load: async () => (await import('./token.js')).registerToken,
  },
  {
    term: 'backup [options] <file>',
    description: 'copy the SQLite database to <file>; safe while the server runs',
    load: async () => (await import('./backup.js')).registerBackup,
  },
  {
    term: 'doctor',
    description: 'check the configuration: database, base URL, SMTP login, chat webhooks',
    load: async () => (await import('./doctor.js')).registerDoctor,
  },
  {
    term: 'incident [options]',
    description: 'list, declare and work on incidents through the HTTP API',
    load: async () => (await import('./incident.js')).registerIncident,
  },
  {
    term: 'oncall [options]',
    description: 'who is on call now, or at another time, on every schedule or one',
    load: async () => (await import('./oncall.js')).registerOncall,
  },
  {
    term: 'schedule [options]',
    description: 'list on-call schedules, show their shifts, add and remove overrides',
    load: async () => (await import('./schedule.js')).registerSchedule,
  },
  {
    term: 'service [options]',
    description: 'the services alerts and incidents belong to',
    load: async () => (await import('./service.js')).registerService,
  },
  {
    term: 'integration [options]',
    description: "the integrations (keys and URLs) services' alerts come in by",
    load: async () => (await import('./integration.js')).registerIntegration,
  },
  {
    term: 'alert',
    description: 'send alerts the way monitoring tools do',
    load: async () => (await import('./alert.js')).registerAlert,
  },
  {
    term: 'status [options]',
    description: 'the status page: components and published incidents; publish public updates',
    load: async () => (await import('./status.js')).registerStatus,
  },
  {
    term: 'report [options]',
    description: 'customer reports through the HTTP API (support role or higher)',
    load: async () => (await import('./report.js')).registerReport,
  },
  {
    term: 'review [options]',
    description: 'post-incident reviews through the HTTP API',
    load: async () => (await import('./review.js')).registerReview,
  },
  {
    term: 'triage-rules [options]',
    description: 'triage rules through the HTTP API (see docs/triage-rules.md)',
    load: async () => (await import('./triage-rules.js')).registerTriageRules,
  },
  {
    term: 'follow-up [options]',
    description: 'follow-up actions of incidents, tracked to done (HTTP API)',
    load: async () => (await import('./follow-up.js')).registerFollowUp,
  },
  {
    term: 'import',
    description: "bring another tool's users, teams, schedules, policies and services into Beacon",
    load: async () => (await import('./import.js')).registerImport,
  },
];
