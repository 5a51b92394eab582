import { type Command, Option } from 'commander';
import { ROLES, type Role } from '../core/roles.js';
import { parseOrFail } from './cli-error.js';
import { formatFields, formatTable } from './format-table.js';
import { withLocalContext } from './local-context.js';
import { globalsOf, writeJson, writeLine } from './output.js';
import { promptNewPassword, readPasswordFromStdin } from './password-input.js';

interface AddOptions {
  email: string;
  role: Role;
  name?: string;
  passwordStdin?: boolean;
}

/** Label/value pairs of a record's simple fields, for printing. */
export function scalarFields(record: object): Array<[string, string]> {
  return Object.entries(record)
    .filter(([, value]) => value === null || ['string', 'number', 'boolean'].includes(typeof value))
    .map(([key, value]) => [key, value === null ? '' : String(value)]);
}

/** `beacon user add`: create a person who can sign in (works before the first `serve`). */
export function registerUser(program: Command): void {
  const user = program.command('user').description('manage people (runs against the database directly)');
  user
    .command('add')
    .alias('create')
    .description('create a user (the password: at least 12 characters, not common or easy to guess)')
    .requiredOption('--email <email>', 'sign-in email')
    .addOption(new Option('--role <role>', 'what they may do').choices(ROLES).makeOptionMandatory())
    .option('--name <name>', 'display name (default: the part of the email before @)')
    .option('--password-stdin', 'read the password from stdin instead of prompting')
    .action(async (options: AddOptions, command: Command) => {
      const { CreateUserBody } = await import('../core/schemas/access.js');
      parseOrFail(CreateUserBody.pick({ email: true }), options); // fail before asking for a password
      const password = options.passwordStdin ? await readPasswordFromStdin() : await promptNewPassword();
      // The same rules as the HTTP API (the command itself trusts its caller to have checked).
      const body = parseOrFail(CreateUserBody, { ...options, password });
      await withLocalContext(async (ctx) => {
        const { createUser } = await import('../server/commands/users.js');
        const created = await createUser(ctx, null, body);
        if (globalsOf(command).json) return writeJson(created);
        writeLine(formatFields(scalarFields(created)));
      });
    });
  user
    .command('list')
    .description('list users')
    .action(async (_options: unknown, command: Command) => {
      await withLocalContext(async (ctx) => {
        const { getUsers } = await import('../server/commands/users.js');
        const users = await getUsers(ctx);
        if (globalsOf(command).json) return writeJson(users);
        writeLine(
          formatTable(users, [
            { header: 'ID', value: (u) => String(u.id), align: 'right' },
            { header: 'EMAIL', value: (u) => u.email, maxWidth: 40 },
            { header: 'NAME', value: (u) => u.name, maxWidth: 30 },
            { header: 'ROLE', value: (u) => u.role },
            {
              header: 'STATE',
              value: (u) => (u.invitation ? 'invited' : u.disabled ? 'disabled' : 'active'),
            },
          ]),
        );
      });
    });
  user
    .command('reset-two-factor')
    .description(
      'turn off two-factor authentication of a user who lost their authenticator and recovery codes',
    )
    .requiredOption('--email <email>', 'the user')
    .action(async (options: { email: string }) => {
      await withLocalContext(async (ctx) => {
        const { resetTwoFactorOf } = await import('../server/commands/two-factor.js');
        await resetTwoFactorOf(ctx, options.email);
        writeLine(`Two-factor authentication is off for ${options.email}; they sign in with their password.`);
      });
    });
  user.addHelpText(
    'after',
    '\nExample:\n  printf %s "$PASSWORD" | beacon user add --email ana@example.com --role responder --password-stdin',
  );
}
