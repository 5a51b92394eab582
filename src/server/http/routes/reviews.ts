import { z } from 'zod';
import {
  Review,
  ReviewDraft,
  ReviewDraftQuery,
  ReviewList,
  ReviewListQuery,
  ReviewOwnerBody,
  ReviewStateBody,
  ReviewVersionList,
  SaveReviewBody,
} from '../../../core/schemas/reviews.js';
import type { AppContext } from '../../commands/context.js';
import { approveReview, changeReviewState, setReviewOwner } from '../../commands/reviews/review-states.js';
import {
  draftReviewText,
  exportReview,
  findReviews,
  getReview,
  getReviewVersions,
  saveReview,
} from '../../commands/reviews/reviews.js';
import { callerOf } from '../auth.js';
import { RefParams, type ZodApp, replies } from '../zod-app.js';

const tags = ['reviews'];
const viewer = { access: { role: 'viewer' as const } };
const responder = { access: { role: 'responder' as const } };

/** Post-incident reviews: read, save with a version, history, states, drafts, export, list. */
export function reviewRoutes(app: ZodApp, ctx: AppContext): void {
  app.get('/api/v1/reviews', {
    config: viewer,
    schema: {
      tags,
      summary: 'List post-incident reviews, most recently changed first',
      querystring: ReviewListQuery,
      response: replies({ 200: ReviewList }),
    },
    handler: async (request) => ({ items: await findReviews(ctx, request.query.state) }),
  });
  app.get('/api/v1/incidents/:ref/review', {
    config: viewer,
    schema: {
      tags,
      summary: "An incident's post-incident review (a draft from its facts until someone saves)",
      params: RefParams,
      response: replies({ 200: Review }),
    },
    handler: (request) => getReview(ctx, request.params.ref),
  });
  app.put('/api/v1/incidents/:ref/review', {
    config: responder,
    schema: {
      tags,
      summary: 'Save the review text edited from `version`; a stale version is 409 with the current review',
      params: RefParams,
      body: SaveReviewBody,
      response: replies({ 200: Review }),
    },
    handler: (request) => saveReview(ctx, callerOf(request), request.params.ref, request.body),
  });
  app.get('/api/v1/incidents/:ref/review.md', {
    config: viewer,
    schema: {
      tags,
      summary: 'The review as a Markdown file, follow-ups as they are now',
      params: RefParams,
      response: replies({ 200: z.string() }),
    },
    handler: async (request, reply) => {
      const { fileName, markdown } = await exportReview(ctx, request.params.ref);
      return reply
        .type('text/markdown; charset=utf-8')
        .header('content-disposition', `attachment; filename="${fileName}"`)
        .serializer((text) => String(text))
        .send(markdown);
    },
  });
  historyAndDraftRoutes(app, ctx);
  stateRoutes(app, ctx);
}

function historyAndDraftRoutes(app: ZodApp, ctx: AppContext): void {
  app.get('/api/v1/incidents/:ref/review/versions', {
    config: viewer,
    schema: {
      tags,
      summary: 'Every saved text of the review, newest first',
      params: RefParams,
      response: replies({ 200: ReviewVersionList }),
    },
    handler: async (request) => ({ items: await getReviewVersions(ctx, request.params.ref) }),
  });
  app.get('/api/v1/incidents/:ref/review/draft', {
    config: viewer,
    schema: {
      tags,
      summary:
        "A fresh draft from the incident's facts now (one section, or the whole review); nothing is saved",
      params: RefParams,
      querystring: ReviewDraftQuery,
      response: replies({ 200: ReviewDraft }),
    },
    handler: (request) => draftReviewText(ctx, request.params.ref, request.query.section),
  });
}

function stateRoutes(app: ZodApp, ctx: AppContext): void {
  app.post('/api/v1/incidents/:ref/review/state', {
    config: responder,
    schema: {
      tags,
      summary: 'Move the review: draft, in_review (naming reviewers) or published (all approved)',
      params: RefParams,
      body: ReviewStateBody,
      response: replies({ 200: Review }),
    },
    handler: (request) => changeReviewState(ctx, callerOf(request), request.params.ref, request.body),
  });
  app.post('/api/v1/incidents/:ref/review/approval', {
    config: responder,
    schema: {
      tags,
      summary: 'Approve the review (its reviewers, while it is in review)',
      params: RefParams,
      response: replies({ 200: Review }),
    },
    handler: (request) => approveReview(ctx, callerOf(request), request.params.ref),
  });
  app.put('/api/v1/incidents/:ref/review/owner', {
    config: responder,
    schema: {
      tags,
      summary: 'Give the review to an owner',
      params: RefParams,
      body: ReviewOwnerBody,
      response: replies({ 200: Review }),
    },
    handler: (request) => setReviewOwner(ctx, callerOf(request), request.params.ref, request.body.userId),
  });
}
