/**
 * What a post-incident review is drafted from: the incident's record as plain data (times in
 * milliseconds since the epoch), gathered by the server and handed to the pure drafting code.
 */
export interface ReviewFacts {
  incident: ReviewIncident;
  /** IANA time zone the review's times are written in (the workspace's). */
  timeZone: string;
  timeline: readonly ReviewTimelineLine[];
  alerts: readonly ReviewAlert[];
  pages: readonly ReviewPage[];
  updates: readonly ReviewUpdate[];
  reports: ReviewReports;
  resolution: ReviewResolution;
  followUps: readonly ReviewFollowUp[];
}

/** The incident itself. */
export interface ReviewIncident {
  ref: string;
  title: string;
  summary: string;
  severity: string;
  priority: string;
  category: string | null;
  status: string;
  services: readonly string[];
  commander: string | null;
  startedAt: number;
  detectedAt: number;
  acknowledgedAt: number | null;
  mitigatedAt: number | null;
  resolvedAt: number | null;
  closedAt: number | null;
}

/** One line of the incident's timeline. */
export interface ReviewTimelineLine {
  at: number;
  kind: string;
  actor: { type: 'user' | 'system'; name: string };
  body: string | null;
  changes: Record<string, { before: unknown; after: unknown }> | null;
}

/** An alert grouped into the incident. */
export interface ReviewAlert {
  summary: string;
  service: string;
  severity: string;
  firstAt: number;
  lastAt: number;
  resolvedAt: number | null;
  events: number;
}

/** One person paged about the incident. */
export interface ReviewPage {
  user: string;
  at: number;
  channel: string | null;
  /** The outbox message's state: sent, failed, cancelled, pending… (null once it is gone). */
  delivery: string | null;
}

/** A status, stakeholder or public update. */
export interface ReviewUpdate {
  kind: 'status' | 'stakeholder' | 'public';
  at: number;
  author: string | null;
  message: string;
  /** The status the update announced. */
  status: string;
}

/** The customer reports linked to the incident. */
export interface ReviewReports {
  count: number;
  firstAt: number | null;
}

/** The resolution record: what was wrong, what fixed it, what customers felt. */
export interface ReviewResolution {
  summary: string | null;
  rootCause: string | null;
  rootCauseCategory: string | null;
  contributingFactors: readonly string[];
  fix: string | null;
  workaround: string | null;
  customerImpact: string | null;
}

/** A follow-up action as it is now. */
export interface ReviewFollowUp {
  ref: string;
  title: string;
  owner: string | null;
  dueAt: number | null;
  state: string;
  isDone: boolean;
}
