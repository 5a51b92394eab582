import type { Command } from 'commander';

/** Options every sub-command understands. */
export interface GlobalOptions {
  json?: boolean;
  url?: string;
  token?: string;
}

/** The global options as seen from `command` (they may be given before or after it). */
export function globalsOf(command: Command): GlobalOptions {
  return command.optsWithGlobals<GlobalOptions>();
}

/** Print `value` as pretty JSON on stdout, for scripts. */
export function writeJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Print one or more lines on stdout. */
export function writeLine(text: string): void {
  process.stdout.write(`${text}\n`);
}

/** Print a notice on stderr, keeping stdout clean for piping. */
export function writeNotice(text: string): void {
  process.stderr.write(`${text}\n`);
}
