import type { Command } from 'commander';
import { globalsOf, writeJson, writeLine } from './output.js';

/** `beacon migrate`: apply pending database migrations and list them. */
export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('apply pending database migrations (serve also does this at start)')
    .action(async (_options: unknown, command: Command) => {
      const { loadConfig } = await import('../server/config.js');
      const { openStore } = await import('../server/store/store.js');
      const store = openStore(loadConfig().databaseUrl);
      try {
        const applied = await store.migrate();
        if (globalsOf(command).json) return writeJson({ applied });
        writeLine(
          applied.length === 0
            ? 'database is up to date'
            : applied.map((name) => `applied ${name}`).join('\n'),
        );
      } finally {
        await store.close();
      }
    });
}
