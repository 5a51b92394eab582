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

/**
 * Stop quietly, with exit code 0, when the reader of stdout goes away (`beacon incident list |
 * head -1`): what it wanted has been read. Without this, the next write fails with EPIPE and
 * Node prints a stack trace. A failed write to stderr is ignored: it has nowhere to be reported.
 */
export function exitQuietlyWhenOutputCloses(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(0);
  });
  process.stderr.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
}
