/**
 * Replays labelled customer reports in arrival order the way Beacon will: each report is
 * matched to an open incident (`matchReportToIncident`); otherwise it waits, and the waiting
 * reports of the last window are clustered (`findReportClusters`), a cluster raising a new
 * incident. Used by the quality test and `bench/report-clustering.ts`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DEFAULT_CLUSTER_OPTIONS,
  findReportClusters,
  matchReportToIncident,
  type ClusterOptions,
  type IncidentForMatching,
  type MatchExplanation,
  type ReportForMatching,
} from '../../../src/core/reports/index.js';

/** One report of the labelled set. */
export interface LabelledReport {
  id: number;
  text: string;
  component: string | null;
  /** Arrival minute from the start of the set. */
  minute: number;
  /** The true problem, or a unique id for a one-off. */
  label: string;
}

const FIXTURE = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../fixtures/reports/labelled-reports.json',
);

/** The labelled set, in arrival order. */
export function loadLabelledReports(): LabelledReport[] {
  const reports = JSON.parse(fs.readFileSync(FIXTURE, 'utf8')) as LabelledReport[];
  return reports.sort((a, b) => a.minute - b.minute || a.id - b.id);
}

/** The problems of the set in order of their first report; every fourth is held out of tuning. */
export function heldOutLabels(reports: readonly LabelledReport[]): Set<string> {
  const problems = [...new Set(reports.map((r) => r.label))].filter(
    (label) => reports.filter((r) => r.label === label).length > 1,
  );
  return new Set(problems.filter((_, index) => index % 4 === 3));
}

/** An incident stays open while reports keep coming: an hour without one stands for its resolution. */
export const QUIET_RESOLVES_AFTER_MS = 60 * 60_000;

const START = Date.parse('2026-03-02T08:00:00Z');

interface OpenIncident extends IncidentForMatching {
  lastReportAt: number;
}

/** What a replay placed: report id → its incident (`incident-N`, or `alone-<id>`), and why. */
export interface Replay {
  placed: Map<number, string>;
  why: Map<number, MatchExplanation>;
}

/** Replays the reports in arrival order. */
export function replayReports(
  reports: readonly LabelledReport[],
  options: Partial<ClusterOptions> = {},
): Replay {
  const settings = { ...DEFAULT_CLUSTER_OPTIONS, ...options };
  const componentIds = new Map<string, number>();
  const componentOf = (name: string | null) => {
    if (name === null) return null;
    if (!componentIds.has(name)) componentIds.set(name, componentIds.size + 1);
    return componentIds.get(name) ?? null;
  };
  const placed = new Map<number, string>();
  const why = new Map<number, MatchExplanation>();
  const incidents: OpenIncident[] = [];
  let pending: ReportForMatching[] = [];
  for (const labelled of reports) {
    const report = {
      id: labelled.id,
      text: labelled.text,
      componentId: componentOf(labelled.component),
      receivedAt: START + labelled.minute * 60_000,
    };
    const open = incidents.filter(
      (incident) => report.receivedAt - incident.lastReportAt < QUIET_RESOLVES_AFTER_MS,
    );
    const match = matchReportToIncident(report, open, settings);
    const incident = match && open.find((candidate) => candidate.id === match.incidentId);
    if (incident) {
      incident.reportTexts.push(report.text);
      if (report.componentId !== null && !incident.componentIds.includes(report.componentId)) {
        incident.componentIds.push(report.componentId);
      }
      incident.lastReportAt = report.receivedAt;
      placed.set(report.id, `incident-${incident.id}`);
      why.set(report.id, match.why);
      continue;
    }
    pending = [...pending.filter((p) => report.receivedAt - p.receivedAt <= settings.windowMs), report];
    for (const cluster of findReportClusters(pending, settings)) {
      const members = pending.filter((p) => cluster.reportIds.includes(p.id));
      const id = incidents.length + 1;
      incidents.push({
        id,
        text: cluster.title,
        componentIds: [...new Set(members.flatMap((m) => (m.componentId === null ? [] : [m.componentId])))],
        openedAt: report.receivedAt,
        reportTexts: members.map((m) => m.text),
        lastReportAt: report.receivedAt,
      });
      cluster.reportIds.forEach((reportId, index) => {
        placed.set(reportId, `incident-${id}`);
        const explanation = cluster.why[index];
        if (explanation) why.set(reportId, explanation);
      });
      pending = pending.filter((p) => !cluster.reportIds.includes(p.id));
    }
  }
  for (const labelled of reports)
    if (!placed.has(labelled.id)) placed.set(labelled.id, `alone-${labelled.id}`);
  return { placed, why };
}
