import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { CliError } from './cli-error.js';
import { globalsOf, writeJson, writeLine } from './output.js';

/** The SQLite file behind a database URL, or undefined for PostgreSQL. */
export function sqliteFileOf(databaseUrl: string): string | undefined {
  return /^postgres(ql)?:\/\//.test(databaseUrl) ? undefined : databaseUrl.replace(/^sqlite:(\/\/)?/, '');
}

/** `beacon backup <file>`: consistent online copy of the SQLite database. */
export function registerBackup(program: Command): void {
  program
    .command('backup')
    .description('copy the SQLite database to <file>; safe while the server runs')
    .argument('<file>', 'where to write the backup')
    .option('--force', 'overwrite <file> if it exists')
    .action(async (file: string, options: { force?: boolean }, command: Command) => {
      const target = path.resolve(file);
      if (!options.force && fs.existsSync(target)) {
        throw new CliError(`${target} already exists (use --force to overwrite)`);
      }
      const { loadConfig } = await import('../server/config.js');
      const { openStore } = await import('../server/store/store.js');
      const { databaseUrl } = loadConfig();
      const source = sqliteFileOf(databaseUrl);
      // Opening a missing SQLite file would create an empty database and back that up.
      if (source !== undefined && !fs.existsSync(source))
        throw new CliError(`no database at ${source} (check BEACON_DATA_DIR)`);
      // Write beside the target and rename, so a failed backup never leaves a partial file.
      const partial = `${target}.partial-${process.pid}`;
      const store = openStore(databaseUrl);
      try {
        await store.backup(partial);
        fs.renameSync(partial, target);
      } catch (error) {
        fs.rmSync(partial, { force: true });
        throw error;
      } finally {
        await store.close();
      }
      const bytes = fs.statSync(target).size;
      if (globalsOf(command).json) return writeJson({ file: target, bytes });
      writeLine(`backed up to ${target} (${bytes} bytes)`);
    });
}
