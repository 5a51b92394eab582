import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Review, ReviewState, ReviewSummary } from '../../core/schemas/reviews.js';
import type { ReviewSectionId } from '../../core/reviews/review-sections.js';
import { ApiError, api, get } from './client.js';
import { incidentsKey } from './incidents.js';

/** Every review query starts with this key. */
export const reviewsKey = ['reviews'] as const;

const pathOf = (ref: string, suffix = '') => `/api/v1/incidents/${encodeURIComponent(ref)}/review${suffix}`;

/**
 * One incident's review, read afresh whenever a page showing it opens (an untouched draft
 * follows the incident, which may have changed since). `incidentVersion` reloads it as the
 * incident changes, for pages that show the incident beside it.
 */
export function useReview(ref: string, incidentVersion?: number) {
  return useQuery({
    queryKey:
      incidentVersion === undefined
        ? [...reviewsKey, 'one', ref]
        : [...reviewsKey, 'of', ref, incidentVersion],
    queryFn: () => get<Review>(pathOf(ref)),
    refetchOnMount: 'always',
  });
}

/** The reviews list, most recently changed first. */
export function useReviewList(state: '' | ReviewState) {
  return useQuery({
    queryKey: [...reviewsKey, 'list', state],
    queryFn: () => get<{ items: ReviewSummary[] }>('/api/v1/reviews', { state }),
  });
}

/** A save refused because someone else saved first: the review as it is now. */
export class ReviewConflict extends Error {
  constructor(readonly current: Review) {
    super('the review was saved by someone else');
  }
}

/** Save the text edited from `version`; a stale version rejects with a `ReviewConflict`. */
export async function saveReviewText(ref: string, body: string, version: number): Promise<Review> {
  try {
    return await api<Review>('PUT', pathOf(ref), { body, version });
  } catch (error) {
    if (error instanceof ApiError && error.isStale && error.body.current) {
      throw new ReviewConflict(error.body.current as Review);
    }
    throw error;
  }
}

/** A fresh draft of one section from the incident's facts (nothing saved). */
export async function draftSection(ref: string, section: ReviewSectionId): Promise<string> {
  return (await get<{ markdown: string }>(pathOf(ref, '/draft'), { section })).markdown;
}

function useRefresh(ref: string) {
  const client = useQueryClient();
  return (review?: Review) => {
    if (review) client.setQueryData([...reviewsKey, 'one', ref], review);
    void client.invalidateQueries({ queryKey: [...reviewsKey, 'list'] });
    void client.invalidateQueries({ queryKey: incidentsKey });
  };
}

/** Move the review to another state (naming reviewers when sending it for review). */
export function useReviewState(ref: string) {
  const refresh = useRefresh(ref);
  return useMutation({
    mutationFn: (body: { state: ReviewState; reviewerIds?: number[] }) =>
      api<Review>('POST', pathOf(ref, '/state'), body),
    onSuccess: refresh,
  });
}

/** Approve the review as one of its reviewers. */
export function useApproveReview(ref: string) {
  const refresh = useRefresh(ref);
  return useMutation({
    mutationFn: () => api<Review>('POST', pathOf(ref, '/approval')),
    onSuccess: refresh,
  });
}

/** Remember a saved review in the cache (after an autosave). */
export function useStoreReview(ref: string) {
  return useRefresh(ref);
}
