import type { ReviewFollowUp } from './review-facts.js';
import { ZonedClockFace } from './review-time.js';

/**
 * The line a review's text holds where its follow-up actions go. The saved text keeps only
 * this line; every view and export puts the follow-ups as they are at that moment in its place,
 * so a review never shows a stale copy of an action's owner, due date or state.
 */
export const FOLLOW_UPS_MARKER = '{{follow-ups}}';

/** The follow-ups as a Markdown list (or a sentence saying there are none). */
export function followUpsMarkdown(followUps: readonly ReviewFollowUp[], timeZone: string): string {
  if (followUps.length === 0) return '_No follow-up actions yet._';
  const face = new ZonedClockFace(timeZone);
  return followUps
    .map((f) => {
      const box = f.isDone ? '[x]' : '[ ]';
      const owner = f.owner ? `, owner ${f.owner}` : ', no owner';
      const due = f.dueAt === null ? '' : `, due ${face.date(f.dueAt)}`;
      return `- ${box} **${f.ref}** ${escapeInline(f.title)} (${f.state}${owner}${due})`;
    })
    .join('\n');
}

/** `body` with every follow-ups marker line replaced by the follow-ups as they are now. */
export function expandFollowUps(
  body: string,
  followUps: readonly ReviewFollowUp[],
  timeZone: string,
): string {
  if (!body.includes(FOLLOW_UPS_MARKER)) return body;
  const block = followUpsMarkdown(followUps, timeZone);
  return body
    .split('\n')
    .map((line) => (line.trim() === FOLLOW_UPS_MARKER ? block : line))
    .join('\n');
}

/** Text put into Markdown without starting emphasis, links or code by accident. */
export function escapeInline(text: string): string {
  return text.replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`).replace(/\s*\n\s*/g, ' ');
}
