/** A customer report as the clustering sees it. */
export interface ReportForMatching {
  id: number;
  text: string;
  componentId: number | null;
  /** Milliseconds since the epoch. */
  receivedAt: number;
}

/** An open incident as the clustering sees it: its words, components and linked reports. */
export interface IncidentForMatching {
  id: number;
  /** Its public and internal titles, summary and affected components' names, in one text. */
  text: string;
  componentIds: number[];
  /** Milliseconds since the epoch. */
  openedAt: number;
  /** The texts of the reports already linked to it (the latest are used). */
  reportTexts: string[];
}

/** Why a report matched: the score and what it was made of. */
export interface MatchExplanation {
  /** 0..1. */
  score: number;
  /** The words and tokens both sides share, strongest first, as the report wrote them. */
  sharedTerms: string[];
  sameComponent: boolean;
  minutesApart: number;
}

/** The thresholds and sizes the clustering works with. */
export interface ClusterOptions {
  /** The score from which a report joins an open incident. */
  matchThreshold: number;
  /** The score from which two unlinked reports count as the same problem. */
  clusterThreshold: number;
  /** How many similar unlinked reports raise a triage incident. */
  minClusterSize: number;
  /** How close in time (ms) the reports of a new cluster arrive. */
  windowMs: number;
}

/** A group of unlinked reports large enough to raise a triage incident. */
export interface ReportCluster {
  reportIds: number[];
  /** Per report (in `reportIds` order): how it matches the rest of the cluster. */
  why: MatchExplanation[];
  /** A short title made of the terms the reports share. */
  title: string;
}

/** Defaults: three similar reports within 15 minutes raise a triage incident. */
export const DEFAULT_CLUSTER_OPTIONS: ClusterOptions = {
  matchThreshold: 0.34,
  clusterThreshold: 0.3,
  minClusterSize: 3,
  windowMs: 15 * 60_000,
};
