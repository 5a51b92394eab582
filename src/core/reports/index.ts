/** Customer-report clustering: matching reports to open incidents and grouping unlinked ones. */
export {
  DEFAULT_CLUSTER_OPTIONS,
  type ClusterOptions,
  type IncidentForMatching,
  type MatchExplanation,
  type ReportCluster,
  type ReportForMatching,
} from './clustering-types.js';
export { compareReports, findReportClusters } from './find-clusters.js';
export {
  type PreparedIncident,
  explainIncidentMatch,
  matchReportToIncident,
  matchReportToPrepared,
  prepareIncident,
} from './match-incident.js';
