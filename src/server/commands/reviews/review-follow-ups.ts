import type { ReviewFollowUp } from '../../../core/reviews/review-facts.js';
import { type FollowUpState, isOpenFollowUp } from '../../../core/schemas/follow-ups.js';
import { listFollowUpsOfIncident } from '../../store/queries/follow-ups.js';
import { findUsersByIds } from '../../store/queries/users.js';
import type { Executor } from '../../store/store.js';

const STATE_TEXT: Record<FollowUpState, string> = {
  open: 'open',
  in_progress: 'in progress',
  done: 'done',
  wont_do: "won't do",
};

/** The follow-up actions of an incident as they are now, for the review's live block. */
export async function followUpsOfIncident(db: Executor, incidentId: number): Promise<ReviewFollowUp[]> {
  const rows = await listFollowUpsOfIncident(db, incidentId);
  const owners = await findUsersByIds(
    db,
    rows.flatMap((row) => (row.owner_id === null ? [] : [row.owner_id])),
  );
  return rows.map((row) => {
    const state = row.state as FollowUpState;
    return {
      ref: `FU-${String(row.id)}`,
      title: row.title,
      owner: owners.find((u) => u.id === row.owner_id)?.name ?? null,
      dueAt: row.due_at,
      state: STATE_TEXT[state],
      isDone: !isOpenFollowUp(state),
    };
  });
}
