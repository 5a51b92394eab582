import { z } from 'zod';
import { REVIEW_SECTION_IDS } from '../reviews/review-sections.js';
import { Id, Timestamp, UserRef } from './common.js';
import { SeveritySchema } from './incident.js';

/** The longest review text the API takes (characters). */
export const REVIEW_TEXT_LIMIT = 200_000;

/** draft → in_review → published (and back to draft to change it). */
export const REVIEW_STATES = ['draft', 'in_review', 'published'] as const;
export const ReviewStateSchema = z.enum(REVIEW_STATES);
export type ReviewState = z.infer<typeof ReviewStateSchema>;

/** A follow-up action as the review shows it: its state now, not when the review was written. */
export const ReviewFollowUp = z.object({
  ref: z.string(),
  title: z.string(),
  owner: z.string().nullable(),
  dueAt: Timestamp.nullable(),
  state: z.string(),
  isDone: z.boolean(),
});
export type ReviewFollowUp = z.infer<typeof ReviewFollowUp>;

export const ReviewReviewer = z.object({ user: UserRef, approvedAt: Timestamp.nullable() });
export type ReviewReviewer = z.infer<typeof ReviewReviewer>;

/** The incident a review belongs to, as lists and headers show it. */
export const ReviewIncidentRef = z.object({
  ref: z.string(),
  title: z.string(),
  severity: SeveritySchema,
  status: z.string(),
});

/** An incident's post-incident review. */
export const Review = z.object({
  incident: ReviewIncidentRef,
  state: ReviewStateSchema,
  /** The saved Markdown, or the draft made from the incident's facts until someone saves. */
  body: z.string(),
  /** True until someone saves: the body is drafted afresh from the facts on every read. */
  isDraft: z.boolean(),
  /** Bumped by every save; send it back with the next save. */
  version: z.number(),
  /** The body with the follow-ups marker replaced by the follow-ups as they are now. */
  markdown: z.string(),
  followUps: z.array(ReviewFollowUp),
  owner: UserRef.nullable(),
  reviewers: z.array(ReviewReviewer),
  /** Closing the incident waits for this review to be published. */
  isRequiredToClose: z.boolean(),
  timeZone: z.string(),
  createdAt: Timestamp.nullable(),
  updatedAt: Timestamp.nullable(),
  updatedBy: UserRef.nullable(),
  publishedAt: Timestamp.nullable(),
});
export type Review = z.infer<typeof Review>;

/** Body of `PUT /incidents/:ref/review`. */
export const SaveReviewBody = z.object({
  body: z.string().max(REVIEW_TEXT_LIMIT),
  /** The version the text was edited from (0: the draft). */
  version: z.number().int().min(0),
});
export type SaveReviewBody = z.infer<typeof SaveReviewBody>;

/** Body of `POST /incidents/:ref/review/state`. */
export const ReviewStateBody = z.object({
  state: ReviewStateSchema,
  /** Who must approve (sending it for review); replaces the reviewer list. */
  reviewerIds: z.array(Id).max(20).optional(),
});
export type ReviewStateBody = z.infer<typeof ReviewStateBody>;

/** Body of `PUT /incidents/:ref/review/owner`. */
export const ReviewOwnerBody = z.object({ userId: Id.nullable() });

/** One saved text of a review. */
export const ReviewVersion = z.object({
  version: z.number(),
  body: z.string(),
  author: UserRef.nullable(),
  savedAt: Timestamp,
});
export const ReviewVersionList = z.object({ items: z.array(ReviewVersion) });

/** Query of `GET /incidents/:ref/review/draft`: one section, or the whole review. */
export const ReviewDraftQuery = z.object({ section: z.enum(REVIEW_SECTION_IDS).optional() });
export const ReviewDraft = z.object({ markdown: z.string() });

/** One line of the reviews list. */
export const ReviewSummary = z.object({
  incident: ReviewIncidentRef,
  state: ReviewStateSchema,
  owner: UserRef.nullable(),
  reviewers: z.number(),
  approvals: z.number(),
  version: z.number(),
  updatedAt: Timestamp,
  publishedAt: Timestamp.nullable(),
});
export type ReviewSummary = z.infer<typeof ReviewSummary>;

export const ReviewListQuery = z.object({ state: ReviewStateSchema.optional() });
export const ReviewList = z.object({ items: z.array(ReviewSummary) });
