import type { Command } from 'commander';
import { CliError } from './cli-error.js';
import { globalsOf, writeJson, writeLine } from './output.js';

const LABELS = { ok: 'ok  ', fail: 'FAIL', skip: 'skip' } as const;

/** `beacon doctor`: check the configuration end to end; exits 1 when a check fails. */
export function registerDoctor(program: Command): void {
  program
    .command('doctor')
    .description('check the configuration: database, base URL, SMTP login, chat webhooks')
    .action(async (_options: unknown, command: Command) => {
      const { loadConfig } = await import('../server/config.js');
      const { runDoctor } = await import('../server/doctor/doctor.js');
      const results = await runDoctor(loadConfig());
      const failed = results.filter((result) => result.status === 'fail');
      if (globalsOf(command).json) writeJson({ checks: results, isHealthy: failed.length === 0 });
      else {
        const width = Math.max(...results.map((result) => result.name.length));
        for (const result of results)
          writeLine(`${LABELS[result.status]}  ${result.name.padEnd(width)}  ${result.detail}`);
      }
      if (failed.length > 0)
        throw new CliError(`${failed.length} ${failed.length === 1 ? 'check' : 'checks'} failed`);
    });
}
