import type { Command } from 'commander';
import { parseOrFail } from './cli-error.js';
import { globalsOf, writeJson, writeLine } from './output.js';
import { positiveInt } from './incident-list.js';

interface CreateOptions {
  email: string;
  name: string;
  expiresInDays?: number;
}

/** `beacon token create`: mint an API token for a user; prints only the token. */
export function registerToken(program: Command): void {
  const token = program
    .command('token')
    .description('manage API tokens (runs against the database directly)');
  token
    .command('create')
    .description('create an API token for a user and print it (shown once)')
    .requiredOption('--email <email>', 'the user the token acts as')
    .requiredOption('--name <name>', 'what the token is for, e.g. "ci" or "laptop"')
    .option('--expires-in-days <days>', 'expire after this many days (default: never)', positiveInt)
    .action(async (options: CreateOptions, command: Command) => {
      // Stored emails are trimmed and lower-cased; the lookup lower-cases but does not trim.
      const email = options.email.trim().toLowerCase();
      const { CreateTokenBody } = await import('../core/schemas/access.js');
      const { name } = parseOrFail(CreateTokenBody.pick({ name: true }), { name: options.name });
      const { loadConfig } = await import('../server/config.js');
      const { openAppContext } = await import('../server/app-context.js');
      const { createTokenForEmail } = await import('../server/commands/tokens.js');
      const ctx = await openAppContext(loadConfig());
      try {
        const days = options.expiresInDays;
        const expiresAt = days === undefined ? null : ctx.clock.now() + days * 86_400_000;
        const created = await createTokenForEmail(ctx, { email, name, expiresAt });
        if (globalsOf(command).json) return writeJson(created);
        writeLine(created.token);
      } finally {
        await ctx.store.close();
      }
    });
  token.addHelpText(
    'after',
    '\nExample:\n  export BEACON_TOKEN=$(beacon token create --email ana@example.com --name laptop --expires-in-days 90)',
  );
}
