import type { GettingStarted, GettingStartedStep } from '../../core/schemas/getting-started.js';
import {
  type GettingStartedFacts,
  deleteGettingStartedDismissal,
  insertGettingStartedDismissal,
  readGettingStartedFacts,
} from '../store/queries/getting-started.js';
import { type AppContext, type Caller, iso } from './context.js';

/** Which fact ticks each step off. */
const DONE_WHEN: Record<GettingStartedStep, keyof GettingStartedFacts> = {
  service: 'hasService',
  integration: 'hasIntegration',
  testAlert: 'hasAlert',
  schedule: 'hasSchedule',
  policy: 'hasPolicyOnService',
  contactMethod: 'hasContactMethod',
  testPage: 'hasPageSent',
};

/** The caller's getting-started checklist, each step ticked from the real state of Beacon. */
export async function getGettingStarted(ctx: AppContext, caller: Caller): Promise<GettingStarted> {
  const facts = await readGettingStartedFacts(ctx.store.db, caller.userId);
  const steps = (Object.keys(DONE_WHEN) as GettingStartedStep[]).map((id) => ({
    id,
    isDone: facts[DONE_WHEN[id]] === true,
  }));
  return {
    steps,
    isComplete: steps.every((step) => step.isDone),
    dismissedAt: iso(facts.dismissedAt),
  };
}

/** Put the checklist away for the caller, or bring it back. */
export async function setGettingStartedDismissed(
  ctx: AppContext,
  caller: Caller,
  isDismissed: boolean,
): Promise<GettingStarted> {
  const now = ctx.clock.now();
  await ctx.store.transaction(async (tx) => {
    if (isDismissed) await insertGettingStartedDismissal(tx, caller.userId, now);
    else await deleteGettingStartedDismissal(tx, caller.userId);
  });
  return getGettingStarted(ctx, caller);
}
