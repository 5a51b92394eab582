import type { Executor } from '../store.js';

/** What the getting-started checklist reads: whether each thing exists yet, and the dismissal. */
export interface GettingStartedFacts {
  hasService: boolean;
  hasIntegration: boolean;
  hasAlert: boolean;
  hasSchedule: boolean;
  hasPolicyOnService: boolean;
  hasContactMethod: boolean;
  hasPageSent: boolean;
  dismissedAt: number | null;
}

/** Read the checklist's facts for one person: one small indexed query per step. */
export async function readGettingStartedFacts(db: Executor, userId: number): Promise<GettingStartedFacts> {
  const [service, integration, alert, schedule, policy, method, page, dismissal] = await Promise.all([
    db.selectFrom('services').select('id').limit(1).executeTakeFirst(),
    db.selectFrom('integrations').select('id').limit(1).executeTakeFirst(),
    db.selectFrom('alerts').select('id').limit(1).executeTakeFirst(),
    db.selectFrom('schedules').select('id').limit(1).executeTakeFirst(),
    db
      .selectFrom('services')
      .select('id')
      .where('escalation_policy_id', 'is not', null)
      .limit(1)
      .executeTakeFirst(),
    db.selectFrom('contact_methods').select('id').where('user_id', '=', userId).limit(1).executeTakeFirst(),
    db
      .selectFrom('outbox')
      .select('id')
      .where('user_id', '=', userId)
      .where('status', '=', 'sent')
      .limit(1)
      .executeTakeFirst(),
    db
      .selectFrom('getting_started_dismissals')
      .select('dismissed_at')
      .where('user_id', '=', userId)
      .executeTakeFirst(),
  ]);
  return {
    hasService: service !== undefined,
    hasIntegration: integration !== undefined,
    hasAlert: alert !== undefined,
    hasSchedule: schedule !== undefined,
    hasPolicyOnService: policy !== undefined,
    hasContactMethod: method !== undefined,
    hasPageSent: page !== undefined,
    dismissedAt: dismissal ? dismissal.dismissed_at : null,
  };
}

/** Put the checklist away for one person (again: keeps the first time). */
export async function insertGettingStartedDismissal(tx: Executor, userId: number, at: number): Promise<void> {
  await tx
    .insertInto('getting_started_dismissals')
    .values({ user_id: userId, dismissed_at: at })
    .onConflict((oc) => oc.column('user_id').doNothing())
    .execute();
}

/** Bring the checklist back for one person. */
export async function deleteGettingStartedDismissal(tx: Executor, userId: number): Promise<void> {
  await tx.deleteFrom('getting_started_dismissals').where('user_id', '=', userId).execute();
}
