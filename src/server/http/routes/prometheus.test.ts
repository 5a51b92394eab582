import { expect, it } from 'vitest';
import { useApiHarness } from '../../../../test/support/server/api-harness.js';
import { describeEachDialect } from '../../../../test/support/server/test-database.js';
import { declare, expectProblem } from '../../../../test/support/server/http/api-test-helpers.js';
import { integrationFor, send } from '../../../../test/support/server/ingest/inbound-test-helpers.js';
import { havePromtool, promtoolCheckMetrics } from '../../../../test/support/server/promtool.js';

const hasPromtool = havePromtool();
const TOKEN = 'scrape-token-0123456789';

/** The value of the sample `name{labels}` in an exposition (labels written as Prometheus does). */
function sample(exposition: string, series: string): number | undefined {
  const line = exposition.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describeEachDialect('GET /metrics', (dialect) => {
  const harness = useApiHarness(dialect);

  it('exposes process, HTTP, ingest and database figures in the Prometheus text format', async () => {
    const api = harness();
    const { key } = await integrationFor(api, 'alertmanager');
    const before = await api.app.inject({ method: 'GET', url: '/metrics' });
    const ingestedBefore = sample(before.body, 'beacon_alerts_ingested_total{source="alertmanager"}') ?? 0;
    const statementsBefore = sample(before.body, 'beacon_database_statements_total') ?? Number.NaN;
    const incidentRequestsBefore =
      sample(
        before.body,
        'beacon_http_request_duration_seconds_count{method="GET",route="/api/v1/incidents/:ref",status_code="200"}',
      ) ?? 0;
    const alert = [{ labels: { alertname: 'DiskFull', severity: 'critical' } }];
    expect(
      (await send(api, 'POST', '/api/v2/alerts', alert, { authorization: `Bearer ${key}` })).statusCode,
    ).toBe(200);
    await declare(api, { title: 'Checkout down', severity: 'SEV2' });
    await api.call('GET', '/api/v1/incidents/INC-2', { as: 'viewer' });
    await api.call('GET', '/api/v1/incidents/2?x=1', { as: 'viewer' });

    // The database gauges of the first scrape are kept five seconds.
    api.clock.advance(5_000);
    const res = await api.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const body = res.body;
    expect(body).toMatch(/^process_cpu_user_seconds_total \d/m);
    expect(body).toMatch(/^nodejs_heap_size_used_bytes \d/m);
    // One alert through Alertmanager's API: counted by source, in a batch of one.
    expect(sample(body, 'beacon_alerts_ingested_total{source="alertmanager"}')).toBe(ingestedBefore + 1);
    expect(body).toMatch(/^beacon_ingest_batch_events_count \d+/m);
    // Every statement sent to the database is counted: at least BEGIN, the alert's insert and
    // COMMIT of the ingest, and the declare's own.
    expect(sample(body, 'beacon_database_statements_total')).toBeGreaterThan(statementsBefore + 6);
    expect(sample(body, 'beacon_ingest_queue_depth')).toBe(0);
    // Requests are labelled by route pattern: two URLs of INC-2, one series.
    expect(
      sample(
        body,
        'beacon_http_request_duration_seconds_count{method="GET",route="/api/v1/incidents/:ref",status_code="200"}',
      ),
    ).toBe(incidentRequestsBefore + 2);
    expect(body).not.toContain('INC-2');
    // INC-1 opened by the alert, INC-2 declared SEV2: two open.
    const open = [...body.matchAll(/^beacon_open_incidents\{severity="(SEV\d)"\} (\d+)$/gm)];
    expect(open.reduce((sum, m) => sum + Number(m[2]), 0)).toBe(2);
    expect(sample(body, 'beacon_open_incidents{severity="SEV2"}')).toBeGreaterThanOrEqual(1);
    expect(body).toMatch(/^beacon_outbox_depth \d+$/m);
    expect(body).toMatch(/^beacon_outbox_oldest_age_seconds \d/m);
    if (hasPromtool) {
      // Beacon's own families pass promtool's parser and its lint.
      const own = body
        .split('\n')
        .filter((line) => /^(# (HELP|TYPE) )?beacon_/.test(line))
        .join('\n');
      expect(promtoolCheckMetrics(`${own}\n`)).toEqual({ status: 0, output: '' });
      // The whole exposition parses; the lint's only complaints are prom-client's three
      // nodejs_active_*_total gauges (names Node dashboards expect, so left as they are).
      const whole = promtoolCheckMetrics(body);
      expect(whole.output.trim().split('\n')).toEqual([
        'nodejs_active_handles_total non-counter metrics should not have "_total" suffix',
        'nodejs_active_requests_total non-counter metrics should not have "_total" suffix',
        'nodejs_active_resources_total non-counter metrics should not have "_total" suffix',
      ]);
    }
  });

  it('reads the database gauges at most once per five seconds', async () => {
    const api = harness();
    const read = async () =>
      sample(
        (await api.app.inject({ method: 'GET', url: '/metrics' })).body,
        'beacon_open_incidents{severity="SEV3"}',
      );
    expect(await read()).toBeUndefined();
    await declare(api, { title: 'Slow search', severity: 'SEV3' });
    expect(await read()).toBeUndefined();
    api.clock.advance(5_000);
    expect(await read()).toBe(1);
  });
});

describeEachDialect('GET /metrics with BEACON_METRICS_TOKEN', (dialect) => {
  const harness = useApiHarness(dialect, { BEACON_METRICS_TOKEN: TOKEN });

  it('answers only with the bearer token, and not to API tokens or sessions', async () => {
    const api = harness();
    const bare = await api.app.inject({ method: 'GET', url: '/metrics' });
    expectProblem(bare, 401);
    expect(bare.headers['www-authenticate']).toBe('Bearer realm="metrics"');
    expectProblem(await api.call('GET', '/metrics', { as: 'admin' }), 401);
    const wrong = { authorization: `Bearer ${TOKEN.slice(0, -1)}x` };
    expectProblem(await api.app.inject({ method: 'GET', url: '/metrics', headers: wrong }), 401);
    const right = await api.app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(right.statusCode).toBe(200);
    expect(right.body).toContain('# TYPE beacon_http_request_duration_seconds histogram');
  });
});
