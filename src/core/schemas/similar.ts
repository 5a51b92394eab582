import { z } from 'zod';
import { IncidentRefParam, Timestamp } from './common.js';
import { IncidentStatusSchema } from './incident.js';

/** An incident named in a similar-incidents answer. */
export const IncidentMention = z.object({ ref: z.string(), title: z.string() });
export type IncidentMention = z.infer<typeof IncidentMention>;

/** An open follow-up action of a past incident. */
export const OpenFollowUp = z.object({
  id: z.number(),
  title: z.string(),
  owner: z.string().nullable(),
  dueAt: Timestamp.nullable(),
});
export type OpenFollowUp = z.infer<typeof OpenFollowUp>;

/** Why an incident is similar: what it shares with the one asked about, and the score. */
export const SimilarReasons = z.object({
  /** 0..1: words, services, alert names, labels and category together. */
  score: z.number(),
  /** 0..1: the words alone (IDF-weighted cosine). */
  textScore: z.number(),
  /** Shared words, as the incident asked about wrote them. */
  sharedTerms: z.array(z.string()),
  sharedServices: z.array(z.object({ id: z.number(), name: z.string() })),
  sharedAlertnames: z.array(z.string()),
  /** Shared alert labels besides alertname, `key=value`. */
  sharedLabels: z.array(z.string()),
  sameCategory: z.boolean(),
});
export type SimilarReasons = z.infer<typeof SimilarReasons>;

/** One similar past incident: what it was, why it is similar, how it ended and what is still open. */
export const SimilarIncident = z.object({
  ref: z.string(),
  title: z.string(),
  status: IncidentStatusSchema,
  category: z.string().nullable(),
  startedAt: Timestamp,
  resolvedAt: Timestamp.nullable(),
  rootCause: z.string().nullable(),
  rootCauseCategory: z.string().nullable(),
  resolution: z.string().nullable(),
  /** Where its post-incident review is read: the review's page, or the incident's while it has none. */
  reviewUrl: z.string(),
  openFollowUps: z.array(OpenFollowUp),
  why: SimilarReasons,
  /** The incident asked about is marked as a recurrence of this one. */
  isRecurrenceOf: z.boolean(),
});
export type SimilarIncident = z.infer<typeof SimilarIncident>;

/** A recurrence mark: which incident, of which earlier one, by whom and when. */
export const RecurrenceMark = z.object({
  incident: IncidentMention,
  recurrenceOf: IncidentMention,
  markedBy: z.string().nullable(),
  markedAt: Timestamp,
});
export type RecurrenceMark = z.infer<typeof RecurrenceMark>;

/** `GET /incidents/{ref}/similar`. */
export const SimilarIncidentList = z.object({
  items: z.array(SimilarIncident),
  /** The incident's own mark, if it is marked as a recurrence. */
  recurrenceOf: RecurrenceMark.nullable(),
  /** Later incidents marked as recurrences of this one. */
  recurrences: z.array(IncidentMention),
});
export type SimilarIncidentList = z.infer<typeof SimilarIncidentList>;

/** Query of `GET /incidents/{ref}/similar`. */
export const SimilarQuery = z.object({
  limit: z.coerce.number().int().min(1).max(50).default(5),
});

/** Body of `POST /incidents/{ref}/recurrence`. */
export const MarkRecurrenceBody = z.object({ recurrenceOf: IncidentRefParam }).strict();
export type MarkRecurrenceBody = z.infer<typeof MarkRecurrenceBody>;

/** One repeat incident of a service: marked by a person, or found by similarity. */
export const RepeatIncident = z.object({
  incident: IncidentMention.extend({ startedAt: Timestamp }),
  repeatOf: IncidentMention,
  reason: z.enum(['marked', 'similar']),
  /** The similarity score (null for a mark). */
  score: z.number().nullable(),
});
export type RepeatIncident = z.infer<typeof RepeatIncident>;

/** A service's repeat-incident rate over a period. */
export const ServiceRepeatRate = z.object({
  serviceId: z.number(),
  days: z.number(),
  /** Incidents of the service that started in the period. */
  incidents: z.number(),
  repeats: z.number(),
  /** repeats / incidents (0 without incidents). */
  rate: z.number(),
  /** Days before an incident in which an earlier one counts as repeated. */
  repeatWindowDays: z.number(),
  items: z.array(RepeatIncident),
});
export type ServiceRepeatRate = z.infer<typeof ServiceRepeatRate>;

/** Query of `GET /services/{id}/repeats`. */
export const RepeatRateQuery = z.object({
  days: z.coerce.number().int().min(1).max(365).default(90),
});
