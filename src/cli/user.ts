import { type Command, Option } from 'commander';
import { ROLES, type Role } from '../core/roles.js';
import { parseOrFail } from './cli-error.js';
import { formatFields } from './format-table.js';
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
    .description('create a user')
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
      const { loadConfig } = await import('../server/config.js');
      const { openAppContext } = await import('../server/app-context.js');
      const { createUser } = await import('../server/commands/users.js');
      const ctx = await openAppContext(loadConfig());
      try {
        const created = await createUser(ctx, null, body);
        if (globalsOf(command).json) return writeJson(created);
        writeLine(formatFields(scalarFields(created)));
      } finally {
        await ctx.store.close();
      }
    });
  user.addHelpText(
    'after',
    '\nExample:\n  printf %s "$PASSWORD" | beacon user add --email ana@example.com --role responder --password-stdin',
  );
}
