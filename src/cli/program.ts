import fs from 'node:fs';
import { Command, CommanderError, Help } from 'commander';
import { CliError, EXIT } from './cli-error.js';
import { COMMANDS, commandName } from './command-table.js';
import { writeNotice } from './output.js';
import { formatErrorLines } from './problem.js';
import { REPO_ROOT } from './web-build.js';

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

/**
 * The sub-command `args` (the words after `beacon`) run: the first word that is not an option
 * (the program's own options take no value), or the one after `help`.
 */
export function commandIn(args: readonly string[]): string | undefined {
  const words = args.filter((word) => !word.startsWith('-'));
  return words[0] === 'help' ? words[1] : words[0];
}

/** The `beacon` program for `args`: the sub-command they run fully registered, the others listed. */
export function buildProgram(args: readonly string[] = process.argv.slice(2)): Promise<Command> {
  const wanted = commandIn(args);
  return programWith((name) => name === wanted);
}

/**
 * The `beacon` program with the sub-commands `isLoaded` names registered by their modules; the
 * rest are names and descriptions for the help, which lists them as if registered.
 */
export async function programWith(isLoaded: (name: string) => boolean): Promise<Command> {
  const program = new Command('beacon')
    .description('Beacon: self-hosted incident management')
    .version(versionOf(), '-V, --version')
    .option('--json', 'print machine-readable JSON instead of tables')
    .showSuggestionAfterError()
    .exitOverride()
    .addHelpText('after', EXAMPLES);
  const listedTerms = new Map<Command, string>();
  for (const entry of COMMANDS) {
    const name = commandName(entry);
    if (isLoaded(name)) (await entry.load())(program);
    else listedTerms.set(program.command(name).description(entry.description), entry.term);
  }
  const help = new Help();
  program.configureHelp({
    subcommandTerm: (command) => listedTerms.get(command) ?? help.subcommandTerm(command),
  });
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
