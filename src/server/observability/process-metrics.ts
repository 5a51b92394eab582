import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The metrics one process keeps about itself, in one registry: Node's defaults (process_*,
 * nodejs_*) and what the HTTP side, the inbound wing and the engine count as they work. Every
 * process exposes its own at `GET /metrics`; Prometheus scrapes each one and sums.
 */
export const processRegistry = new Registry();

collectDefaultMetrics({ register: processRegistry });

/** Request durations by method, route pattern (never the raw URL) and status code. */
export const httpRequestDuration = new Histogram({
  name: 'beacon_http_request_duration_seconds',
  help: 'HTTP request duration by method, route pattern and status code',
  labelNames: ['method', 'route', 'status_code'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [processRegistry],
});

/** Alert events committed, by the integration type they arrived through. */
export const alertsIngested = new Counter({
  name: 'beacon_alerts_ingested_total',
  help: 'Alert events accepted and committed, by source (integration type)',
  labelNames: ['source'] as const,
  registers: [processRegistry],
});

/** Events accepted by the group-commit queue and not yet committed. */
export const ingestQueueDepth = new Gauge({
  name: 'beacon_ingest_queue_depth',
  help: 'Alert events waiting in the ingest queue for their commit',
  registers: [processRegistry],
});

/** Events per group-commit transaction. */
export const ingestBatchSize = new Histogram({
  name: 'beacon_ingest_batch_events',
  help: 'Alert events written per ingest transaction',
  buckets: [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000],
  registers: [processRegistry],
});

/** Outbox messages sent or failed, by channel. */
export const deliveries = new Counter({
  name: 'beacon_deliveries_total',
  help: 'Outbound messages by channel and outcome (sent, failed: retried later or dead)',
  labelNames: ['channel', 'outcome'] as const,
  registers: [processRegistry],
});

/** How late escalation steps fire after they fall due. */
export const escalationLag = new Histogram({
  name: 'beacon_escalation_lag_seconds',
  help: 'Delay between an escalation step falling due and firing',
  buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60],
  registers: [processRegistry],
});

/** Statements sent to the database, transaction control (BEGIN, COMMIT, ROLLBACK) included. */
export const databaseStatements = new Counter({
  name: 'beacon_database_statements_total',
  help: 'Statements this process sent to its database, BEGIN/COMMIT/ROLLBACK included',
  registers: [processRegistry],
});
