import type { Command } from 'commander';
import type { Review, ReviewState, ReviewSummary } from '../core/schemas/reviews.js';
import { REVIEW_STATES } from '../core/schemas/reviews.js';
import { ApiClient, withApiOptions } from './api-client.js';
import { UsageError } from './cli-error.js';
import { type Column, formatAge, formatFields, formatTable } from './format-table.js';
import { incidentPath } from './incident-show.js';
import { globalsOf, writeJson, writeLine } from './output.js';

const STATE_TEXT: Record<ReviewState, string> = {
  draft: 'draft',
  in_review: 'in review',
  published: 'published',
};

/** Columns of the review list. */
export function reviewColumns(now: number = Date.now()): Column<ReviewSummary>[] {
  return [
    { header: 'INCIDENT', value: (r) => r.incident.ref },
    { header: 'SEV', value: (r) => r.incident.severity },
    { header: 'STATE', value: (r) => STATE_TEXT[r.state] },
    {
      header: 'APPROVED',
      value: (r) => (r.reviewers === 0 ? '-' : `${String(r.approvals)}/${String(r.reviewers)}`),
    },
    { header: 'OWNER', value: (r) => r.owner?.name ?? '-', maxWidth: 24 },
    { header: 'UPDATED', value: (r) => formatAge(r.updatedAt, now), align: 'right' },
    { header: 'TITLE', value: (r) => r.incident.title, maxWidth: 50 },
  ];
}

/** A review's facts as `beacon review show` prints them (the text itself with --markdown). */
export function formatReview(review: Review): string {
  const open = review.followUps.filter((f) => !f.isDone).length;
  return formatFields([
    ['Incident', `${review.incident.ref} ${review.incident.title}`],
    ['Severity', review.incident.severity],
    ['State', STATE_TEXT[review.state] + (review.isDraft ? ' (untouched draft, follows the incident)' : '')],
    ['Owner', review.owner?.name ?? '-'],
    [
      'Reviewers',
      review.reviewers.length === 0
        ? '-'
        : review.reviewers.map((r) => `${r.user.name}${r.approvedAt ? ' (approved)' : ''}`).join(', '),
    ],
    ['Version', String(review.version)],
    ['Updated', review.updatedAt ?? '-'],
    ['Published', review.publishedAt ?? '-'],
    ['Follow-ups', `${String(review.followUps.length)} (${String(open)} open)`],
    ['Needed to close', review.isRequiredToClose ? 'yes' : 'no'],
  ]);
}

/** `beacon review …`: post-incident reviews through the HTTP API. */
export function registerReview(program: Command): void {
  const review = withApiOptions(
    program.command('review').description('post-incident reviews through the HTTP API'),
  );
  review
    .command('show')
    .description("show an incident's post-incident review")
    .argument('<ref>', 'incident ref, e.g. INC-12 or 12')
    .option('--markdown', 'print the review as Markdown, follow-ups as they are now')
    .action(async (ref: string, options: { markdown?: boolean }, command: Command) => {
      const globals = globalsOf(command);
      const shown = await new ApiClient(globals).get<Review>(incidentPath(ref, '/review'));
      if (globals.json) return writeJson(shown);
      writeLine(options.markdown ? shown.markdown.trimEnd() : formatReview(shown));
    });
  review
    .command('list')
    .alias('ls')
    .description('list post-incident reviews, most recently changed first')
    .option('--state <state>', `only reviews in this state (${REVIEW_STATES.join(', ')})`)
    .action(async (options: { state?: string }, command: Command) => {
      if (options.state !== undefined && !(REVIEW_STATES as readonly string[]).includes(options.state)) {
        throw new UsageError(`--state must be one of ${REVIEW_STATES.join(', ')}`);
      }
      const globals = globalsOf(command);
      const list = await new ApiClient(globals).get<{ items: ReviewSummary[] }>('/reviews', {
        state: options.state,
      });
      if (globals.json) return writeJson(list);
      writeLine(list.items.length === 0 ? 'no reviews match' : formatTable(list.items, reviewColumns()));
    });
}
