import type { OpenFollowUp } from '../../../core/schemas/similar.js';
import { openFollowUpsOf, rootCauseCategoriesOf } from '../../store/queries/similar.js';
import type { Executor } from '../../store/store.js';
import { iso } from '../context.js';

/** What a past incident's resolution record adds to a similar-incidents answer. */
export interface FollowUpFacts {
  rootCauseCategory: string | null;
  openFollowUps: OpenFollowUp[];
}

/** The resolution record's root-cause category and the open follow-ups of these incidents. */
export async function followUpFactsOf(
  db: Executor,
  ids: readonly number[],
): Promise<Map<number, FollowUpFacts>> {
  const [categories, followUps] = await Promise.all([
    rootCauseCategoriesOf(db, ids),
    openFollowUpsOf(db, ids),
  ]);
  return new Map(
    ids.map((id) => [
      id,
      {
        rootCauseCategory: categories.get(id) ?? null,
        openFollowUps: (followUps.get(id) ?? []).map((row) => ({ ...row, dueAt: iso(row.dueAt) })),
      },
    ]),
  );
}
