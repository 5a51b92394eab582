import { RateLimitedError, ValidationError } from '../../../core/errors.js';
import {
  INTAKE_LIMITS,
  type IntakeLimit,
  secondsUntilWindowEnds,
} from '../../../core/reports/intake-limits.js';
import type { Report, ReportMetadata, ReportSource } from '../../../core/schemas/reports.js';
import {
  countReportSubmission,
  findReportById,
  insertReport,
  takeReportNumber,
} from '../../store/queries/reports.js';
import { existingComponentIds } from '../../store/queries/status-page.js';
import type { Executor } from '../../store/store.js';
import type { AppContext } from '../context.js';
import { secretHash } from '../secrets.js';
import { matchNewReport } from './match-report.js';
import { viewReport } from './report-view.js';
import { queueReporterMail } from './reporter-mail.js';

/** A report as an intake (form, API, mailbox) hands it over, already validated. */
export interface ReportIntake {
  source: ReportSource;
  name: string;
  email: string;
  message: string;
  componentId?: number | null | undefined;
  metadata?: ReportMetadata | undefined;
  language?: string | undefined;
  /** The sender's IP address (anonymous intake) as `clientIpHash` keeps it; limited per address. */
  ipHash?: string | undefined;
  /**
   * The signed-in sender (a help desk's or chatbot's token, a support agent), limited per token
   * (or per person) far higher than anonymous senders.
   */
  caller?: { userId: number; tokenId?: number | undefined } | undefined;
}

/**
 * Take in a customer report in one transaction: check the intake limits, store it with its
 * reference, queue the mail answering it, and match it to an incident or a new cluster.
 * Over a limit: 429 with the seconds until the window ends, and nothing stored.
 */
export async function submitReport(ctx: AppContext, intake: ReportIntake): Promise<Report> {
  const now = ctx.clock.now();
  const ipHash = intake.ipHash ?? null;
  const { report, isChanged } = await ctx.store.transaction(async (tx) => {
    await enforceLimits(tx, intake, ipHash, now);
    await checkComponent(tx, intake.componentId);
    const number = await takeReportNumber(tx);
    const row = await insertReport(tx, {
      number,
      name: intake.name,
      email: intake.email,
      message: intake.message,
      component_id: intake.componentId ?? null,
      metadata: intake.metadata ?? {},
      source: intake.source,
      ip_hash: ipHash,
      language: intake.language ?? null,
      received_at: now,
      incident_id: null,
      link_reason: null,
      linked_at: null,
      ack_outbox_id: null,
      told_at: null,
    });
    const outcome = await matchNewReport(tx, row, now);
    const isResolved = outcome.kind === 'linked' && outcome.isResolved;
    await queueReporterMail(tx, row, isResolved ? 'resolved' : 'acknowledgement', now);
    const stored = await viewReport(tx, (await findReportById(tx, row.id)) ?? row);
    return { report: stored, isChanged: outcome.kind !== 'unlinked' };
  });
  if (isChanged) ctx.onIncidentsChanged();
  return report;
}

/** A report may name a status-page component, one that exists. */
async function checkComponent(tx: Executor, componentId: number | null | undefined): Promise<void> {
  if (componentId === null || componentId === undefined) return;
  if (!(await existingComponentIds(tx, [componentId])).has(componentId))
    throw new ValidationError('componentId', `no status-page component with id ${String(componentId)}`);
}

/** Count the submission against each limit that applies; refuse it over any of them. */
async function enforceLimits(tx: Executor, intake: ReportIntake, ipHash: string | null, now: number) {
  const keys: Array<[string, IntakeLimit]> =
    intake.caller === undefined
      ? [
          ...(ipHash === null ? [] : [[`ip:${ipHash}`, INTAKE_LIMITS.perIp] as [string, IntakeLimit]]),
          [`email:${secretHash(intake.email.toLowerCase())}`, INTAKE_LIMITS.perEmail],
        ]
      : [[callerKey(intake.caller), INTAKE_LIMITS.perToken]];
  for (const [key, limit] of keys) {
    const { count, windowStart } = await countReportSubmission(tx, key, now, limit.windowMs);
    if (count > limit.max) {
      throw new RateLimitedError(
        secondsUntilWindowEnds(windowStart, limit, now),
        'too many reports from this sender; try again later',
      );
    }
  }
}

function callerKey(caller: { userId: number; tokenId?: number | undefined }): string {
  return caller.tokenId === undefined ? `user:${String(caller.userId)}` : `token:${String(caller.tokenId)}`;
}
