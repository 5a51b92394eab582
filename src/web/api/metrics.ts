import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ReliabilityMetrics } from '../../core/schemas/metrics.js';
import { get, withQuery } from './client.js';

/** The filters of the metrics page, as the API takes them (empty: not set). */
export interface MetricsFilters {
  from: string;
  to: string;
  service: string;
  team: string;
  severity: string;
}

function queryOf(filters: MetricsFilters): Record<string, string> {
  return Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== ''));
}

/** Reliability metrics of a period; the last answer stays on screen while a new one loads. */
export function useMetrics(filters: MetricsFilters) {
  return useQuery({
    queryKey: ['metrics', filters],
    queryFn: () => get<ReliabilityMetrics>('/api/v1/metrics', queryOf(filters)),
    placeholderData: keepPreviousData,
  });
}

/** The CSV export's URL for the same filters. */
export function metricsCsvUrl(filters: MetricsFilters): string {
  return withQuery('/api/v1/metrics.csv', queryOf(filters));
}
