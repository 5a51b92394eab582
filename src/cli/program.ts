import fs from 'node:fs';
import { Command, CommanderError } from 'commander';
import { registerAlert } from './alert.js';
import { registerBackup } from './backup.js';
import { CliError, EXIT } from './cli-error.js';
import { registerDoctor } from './doctor.js';
import { registerImport } from './import.js';
import { registerIncident } from './incident.js';
import { registerIntegration } from './integration.js';
import { registerMigrate } from './migrate.js';
import { registerOncall } from './oncall.js';
import { writeNotice } from './output.js';
import { formatErrorLines } from './problem.js';
import { registerReport } from './report.js';
import { registerReview } from './review.js';
import { registerTriageRules } from './triage-rules.js';
import { registerFollowUp } from './follow-up.js';
import { registerSchedule } from './schedule.js';
import { registerServe } from './serve.js';
import { registerService } from './service.js';
import { registerStatus } from './status.js';
import { REPO_ROOT } from './web-build.js';
import { registerToken } from './token.js';
import { registerUser } from './user.js';

const EXAMPLES = `
Examples:
  beacon serve                                   run the server (PORT, BEACON_DATA_DIR, DATABASE_URL…)
  beacon user add --email ana@example.com --role admin
  TOKEN=$(beacon token create --email ana@example.com --name laptop)
  BEACON_TOKEN=$TOKEN beacon incident list --open
  beacon incident declare --title "API latency above SLO" --severity SEV2
  beacon oncall                                  who is on call now on every schedule
  beacon integration create --service checkout   a key and the URLs to send alerts to
  BEACON_INTEGRATION_KEY=<key> beacon alert send a test alert through the real pipeline
  beacon backup /var/backups/beacon-$(date +%F).sqlite
  beacon doctor                                  check database, base URL, SMTP and chat webhooks
  beacon status                                  the status page: components and published incidents
  beacon status export ./site --watch            the status page as static files, rewritten on change
  beacon import pagerduty                        plan moving a PagerDuty account over (--apply to do it)

Commands that talk to a server use BEACON_URL, else http://127.0.0.1:$PORT (PORT default 8080).
Exit codes: 0 ok (also when a reader such as "| head" stops early), 1 error, 2 bad usage,
3 server unreachable.`;

function versionOf(): string {
  const pkg = JSON.parse(fs.readFileSync(`${REPO_ROOT}/package.json`, 'utf8')) as { version?: string };
  return pkg.version ?? '0.0.0';
}

/** The `beacon` program with every sub-command registered. */
export function buildProgram(): Command {
  const program = new Command('beacon')
    .description('Beacon: self-hosted incident management')
    .version(versionOf(), '-V, --version')
    .option('--json', 'print machine-readable JSON instead of tables')
    .showSuggestionAfterError()
    .exitOverride()
    .addHelpText('after', EXAMPLES);
  registerServe(program);
  registerMigrate(program);
  registerUser(program);
  registerToken(program);
  registerBackup(program);
  registerDoctor(program);
  registerIncident(program);
  registerOncall(program);
  registerSchedule(program);
  registerService(program);
  registerIntegration(program);
  registerAlert(program);
  registerStatus(program);
  registerReport(program);
  registerReview(program);
  registerTriageRules(program);
  registerFollowUp(program);
  registerImport(program);
  return program;
}

/** Print `error` the way the CLI reports failures and return the exit code to use. */
export function reportError(error: unknown): number {
  if (error instanceof CommanderError) {
    // commander already printed the message (or the help / version on exit code 0).
    return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  if (error instanceof CliError) {
    writeNotice(formatErrorLines(error.message, error.fields).join('\n'));
    return error.exitCode;
  }
  // Errors from server code (BeaconError and friends) carry their failing fields too.
  const fields = (error as { fields?: unknown }).fields;
  const message = error instanceof Error ? error.message : String(error);
  writeNotice(formatErrorLines(message, Array.isArray(fields) ? fields : []).join('\n'));
  if (process.env.BEACON_DEBUG && error instanceof Error && error.stack) writeNotice(error.stack);
  return EXIT.failure;
}
