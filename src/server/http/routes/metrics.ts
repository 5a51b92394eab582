import { metricsCsv } from '../../../core/metrics/metrics-csv.js';
import { MetricsQuery, ReliabilityMetrics } from '../../../core/schemas/metrics.js';
import type { AppContext } from '../../commands/context.js';
import { getReliabilityMetrics } from '../../commands/metrics/reliability-metrics.js';
import { z } from 'zod';
import { type ZodApp, replies } from '../zod-app.js';

const viewer = { access: { role: 'viewer' as const } };

/** Reliability metrics of a period, as JSON and as CSV (docs/metrics.md). */
export function metricsRoutes(app: ZodApp, ctx: AppContext): void {
  const tags = ['metrics'];
  app.get('/api/v1/metrics', {
    config: viewer,
    schema: {
      tags,
      summary: 'MTTD, MTTA, MTTM, MTTR (median, p90), counts, weekly trend and on-call load of a period',
      querystring: MetricsQuery,
      response: replies({ 200: ReliabilityMetrics }),
    },
    handler: (request) => getReliabilityMetrics(ctx, request.query),
  });
  app.get('/api/v1/metrics.csv', {
    config: viewer,
    schema: {
      tags,
      summary: 'The same metrics as CSV: one row per figure (section, key, metric, value)',
      querystring: MetricsQuery,
      response: replies({ 200: z.string().describe('text/csv') }),
    },
    handler: async (request, reply) => {
      const metrics = await getReliabilityMetrics(ctx, request.query);
      const name = `beacon-metrics-${metrics.period.from}-to-${metrics.period.to}.csv`;
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}"`)
        .send(metricsCsv(metrics));
    },
  });
}
