import type { Command } from 'commander';
import { parseOrFail } from './cli-error.js';
import { globalsOf, writeJson, writeLine } from './output.js';
import { formatAge, formatTable } from './format-table.js';
import { positiveInt } from './incident-list.js';
import { withLocalContext } from './local-context.js';

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
      await withLocalContext(async (ctx) => {
        const { createTokenForEmail } = await import('../server/commands/tokens.js');
        const days = options.expiresInDays;
        const expiresAt = days === undefined ? null : ctx.clock.now() + days * 86_400_000;
        const created = await createTokenForEmail(ctx, { email, name, expiresAt });
        if (globalsOf(command).json) return writeJson(created);
        writeLine(created.token);
      });
    });
  token
    .command('list')
    .description('list API tokens (never the secrets), newest first')
    .option('--email <email>', "only this user's tokens")
    .action(async (options: { email?: string }, command: Command) => {
      await withLocalContext(async (ctx) => {
        const { getTokensLocally } = await import('../server/commands/tokens.js');
        const tokens = await getTokensLocally(ctx, options.email?.trim().toLowerCase());
        if (globalsOf(command).json) return writeJson(tokens);
        const when = (iso: string | null) => (iso === null ? '' : formatAge(iso));
        writeLine(
          formatTable(tokens, [
            { header: 'ID', value: (t) => String(t.id), align: 'right' },
            { header: 'NAME', value: (t) => t.name, maxWidth: 30 },
            { header: 'USER', value: (t) => t.user.email, maxWidth: 40 },
            { header: 'PREFIX', value: (t) => t.prefix },
            { header: 'CREATED', value: (t) => when(t.createdAt) },
            { header: 'LAST USED', value: (t) => when(t.lastUsedAt) },
            { header: 'EXPIRES', value: (t) => t.expiresAt?.slice(0, 10) ?? 'never' },
            { header: 'STATE', value: (t) => (t.revokedAt ? 'revoked' : 'active') },
          ]),
        );
      });
    });
  token
    .command('revoke')
    .description('revoke an API token at once (see `token list` for ids)')
    .argument('<id>', 'token id', positiveInt)
    .action(async (id: number, _options: unknown, command: Command) => {
      await withLocalContext(async (ctx) => {
        const { revokeTokenLocally } = await import('../server/commands/tokens.js');
        await revokeTokenLocally(ctx, id);
        if (globalsOf(command).json) return writeJson({ id, revoked: true });
        writeLine(`token ${id} revoked`);
      });
    });
  token.addHelpText(
    'after',
    '\nExample:\n  export BEACON_TOKEN=$(beacon token create --email ana@example.com --name laptop --expires-in-days 90)',
  );
}
