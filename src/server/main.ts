import type { DestinationStream } from 'pino';
import type { Clock } from '../core/clock.js';
import { openAppContext } from './app-context.js';
import type { Config } from './config.js';
import { ChangeFeed } from './engine/change-feed.js';
import { ingestQueueFor } from './ingest/ingest-queue.js';
import { Worker } from './engine/worker.js';
import { CheckRunner } from './engine/checks/check-runner.js';
import { EscalationEngine } from './engine/escalation/escalation-engine.js';
import { PushoverReceiptCloser } from './engine/notifications/pushover-receipt-closer.js';
import { NotificationSender } from './engine/notifications/notification-sender.js';
import { UpdateReminders } from './engine/reminders/update-reminders.js';
import { AutoClose } from './engine/auto-close/auto-close.js';
import { FollowUpReminders } from './engine/follow-ups/follow-up-reminders.js';
import { MetricRollupRound } from './engine/metrics/metric-rollup-round.js';
import { WebhookSender } from './engine/webhook-sender.js';
import { SubscriberSender } from './engine/subscriber-sender.js';
import { emailWarning } from './commands/outbox/delivery-failures.js';
import { ensureFirstAdmin } from './first-admin.js';
import type { ZodApp } from './http/zod-app.js';
import type { AppContext } from './commands/context.js';
import { type SmtpListener, startSmtpListener } from './ingest/email/smtp-listener.js';
import { loggerOptions } from './http/logger-options.js';
import { buildServerApp } from './server-app.js';
import { similarityIndexOf } from './commands/similar/live-index.js';
import { collectGarbage } from './observability/collect-garbage.js';

/** A started Beacon: its URL, its parts, and how to stop it. */
export interface RunningServer {
  url: string;
  app: ZodApp;
  ctx: AppContext;
  worker: Worker;
  /** Live updates: `nudge()` it when another process changed incidents. */
  feed: ChangeFeed;
  close(): Promise<void>;
}

/** How `startServer` runs: test hooks, and whether this process does the background work. */
export interface StartOptions {
  clock?: Clock;
  schema?: string;
  logStream?: DestinationStream;
  /** Run the durable jobs here (default true; false: HTTP only, another process runs them). */
  runsJobs?: boolean;
}

/**
 * Start Beacon: open and migrate the database, create the first admin, listen. The log goes
 * to standard output, or to `logStream`.
 */
export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  const ctx = await openAppContext(config, options);
  const feed = new ChangeFeed(ctx.store.db);
  ctx.onIncidentsChanged = () => feed.nudge();
  const ingest = ingestQueueFor(ctx, { maxQueueDelayMs: config.ingestQueueDelayMs });
  const logger = loggerOptions(config.logLevel, options.logStream);
  const app = await buildServerApp(ctx, config, { feed, ingest }, logger);
  for (const warning of ctx.store.dialect.warnings) app.log.warn(warning);
  // Under BEACON_WORKERS one process runs the jobs; the others serve HTTP only.
  const runsJobs = options.runsJobs ?? true;
  const worker = runsJobs ? backgroundWorker(ctx, config, app.log) : new Worker(ctx, app.log, []);
  let smtp: SmtpListener | undefined;
  try {
    await ensureFirstAdmin(ctx, config, (line) => app.log.warn(line));
    const email = runsJobs && (await emailWarning(ctx, { isEmailConfigured: config.smtpUrl !== undefined }));
    if (email) app.log.warn({ people: email.count }, email.message);
    await feed.start();
    if (runsJobs) worker.start();
    const address = await app.listen({ port: config.port, host: config.host });
    app.log.info({ address, database: ctx.store.dialect.name }, 'Beacon is listening');
    // Similar-incident lookups answer from the newest incidents while the rest load.
    similarityIndexOf(ctx.store).warm();
    if (config.smtpListen)
      smtp = await startSmtpListener(config.smtpListen, ctx, ingest, app.log, {
        supportAddress: config.supportAddress,
      });
  } catch (error) {
    await app.close();
    await smtp?.close();
    await worker.stop();
    await feed.stop();
    await ctx.store.close();
    throw error;
  }
  const port = (app.server.address() as { port: number } | null)?.port ?? config.port;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`,
    app,
    ctx,
    worker,
    feed,
    close: () => {
      closing ??= (async () => {
        // Stop taking requests, finish queued alerts and background work, then close the database.
        await app.close();
        await smtp?.close();
        await ingest.drain();
        await worker.stop();
        await feed.stop();
        similarityIndexOf(ctx.store).stop();
        await ctx.store.close();
      })();
      return closing;
    },
  };
}

/**
 * The durable jobs, each a JobRunner. Timers (reminders, escalation steps) come before the
 * notification sender, so it sends what they queue in the same tick.
 */
function backgroundWorker(ctx: AppContext, config: Config, log: ZodApp['log']): Worker {
  const worker = new Worker(ctx, log);
  worker.add(new CheckRunner(ctx, log).task());
  worker.add(new UpdateReminders(ctx, log).task());
  worker.add(new AutoClose(ctx, log).task());
  worker.add(new FollowUpReminders(ctx, log).task());
  worker.add(new MetricRollupRound(ctx, log).task());
  worker.add(new EscalationEngine(ctx, config, log, { isPrecise: true }).task());
  worker.add(new NotificationSender(ctx, config, log).task());
  worker.add(new PushoverReceiptCloser(ctx, log).task());
  worker.add(new WebhookSender(ctx, config, log).task());
  worker.add(new SubscriberSender(ctx, config, log).task());
  return worker;
}

/** Start Beacon and stop it gracefully on SIGTERM or SIGINT. */
export async function runServer(
  config: Config,
  options: Pick<StartOptions, 'runsJobs'> = {},
): Promise<RunningServer> {
  const server = await startServer(config, options);
  setImmediate(collectGarbage); // start-up's garbage would otherwise stay resident while idle
  const stop = (signal: string) => {
    server.app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        server.app.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  return server;
}
