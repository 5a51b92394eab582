import type { Config } from '../config.js';
import type { AppContext } from '../commands/context.js';
import { emailWarning, getChatContactMethods } from '../commands/outbox/delivery-failures.js';
import { systemClock } from '../../core/clock.js';
import { sqliteDriverName } from '../store/dialects/sqlite-connection.js';
import { openStore } from '../store/store.js';
import { type CheckResult, checkBaseUrl, checkChatWebhook, checkSmtp, reasonOf, shownUrl } from './checks.js';

export type { CheckResult } from './checks.js';

/** What the doctor reads of the configuration. */
export type DoctorConfig = Pick<Config, 'databaseUrl' | 'baseUrl' | 'smtpUrl' | 'outboundAllow'>;

/**
 * Check the configuration end to end: the database answers, the base URL reaches this Beacon,
 * the mail server takes a login (or nobody relies on email), each chat webhook answers.
 */
export async function runDoctor(config: DoctorConfig): Promise<CheckResult[]> {
  const store = openStore(config.databaseUrl);
  try {
    const database = await checkDatabase(config.databaseUrl, () => store.ping());
    const ctx: AppContext = {
      store,
      clock: systemClock,
      outboundAllow: config.outboundAllow,
      onIncidentsChanged: () => undefined,
    };
    const results: CheckResult[] = [database, await checkBaseUrl(config.baseUrl)];
    results.push(await checkEmail(ctx, config.smtpUrl, database.status === 'ok'));
    results.push(...(await checkChatWebhooks(ctx, database.status === 'ok')));
    return results;
  } finally {
    await store.close();
  }
}

async function checkDatabase(databaseUrl: string, ping: () => Promise<void>): Promise<CheckResult> {
  const isPostgres = /^postgres(ql)?:\/\//.test(databaseUrl);
  const shown = isPostgres ? shownUrl(databaseUrl) : databaseUrl;
  try {
    await ping();
    const driver = isPostgres ? '' : ` (SQLite through ${sqliteDriverName()})`;
    return { name: 'database', status: 'ok', detail: `${shown} answers${driver}` };
  } catch (error) {
    return { name: 'database', status: 'fail', detail: `${shown}: ${reasonOf(error)}` };
  }
}

async function checkEmail(ctx: AppContext, smtpUrl: string | undefined, hasDatabase: boolean) {
  if (smtpUrl) return checkSmtp(smtpUrl);
  if (!hasDatabase) return skipped('SMTP', 'BEACON_SMTP_URL is unset; who relies on email is unknown');
  try {
    const warning = await emailWarning(ctx, { isEmailConfigured: false });
    return warning
      ? { name: 'SMTP', status: 'fail' as const, detail: warning.message }
      : skipped('SMTP', 'BEACON_SMTP_URL is unset and nobody is paged by email');
  } catch (error) {
    return { name: 'SMTP', status: 'fail' as const, detail: `cannot read the rules: ${reasonOf(error)}` };
  }
}

async function checkChatWebhooks(ctx: AppContext, hasDatabase: boolean): Promise<CheckResult[]> {
  if (!hasDatabase) return [skipped('chat webhooks', 'the database is not reachable')];
  try {
    const methods = await getChatContactMethods(ctx);
    if (methods.length === 0) return [skipped('chat webhooks', 'no Slack or Teams contact methods')];
    return await Promise.all(methods.map((method) => checkChatWebhook(method, ctx.outboundAllow)));
  } catch (error) {
    return [
      { name: 'chat webhooks', status: 'fail', detail: `cannot read contact methods: ${reasonOf(error)}` },
    ];
  }
}

function skipped(name: string, detail: string): CheckResult {
  return { name, status: 'skip', detail };
}
