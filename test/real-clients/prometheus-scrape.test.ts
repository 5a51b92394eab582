/**
 * Prometheus (Debian's package) scrapes Beacon's own /metrics with the bearer token
 * BEACON_METRICS_TOKEN asks for: the target is up, and Beacon's series are stored.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BeaconProcess, startBeacon } from '../support/beacon-process.js';
import { BIN, Child, freePort, haveBinaries, tempDir, waitFor } from './support.js';

const available = haveBinaries(['prometheus'], 'Prometheus scraping Beacon');
const TOKEN = 'scrape-secret-token-0123456789';

function prometheusYml(beaconUrl: string, credentials: string): string {
  const target = new URL(beaconUrl).host;
  return `scrape_configs:
  - job_name: beacon
    scrape_interval: 1s
    scrape_timeout: 1s
    authorization:
      credentials: ${credentials}
    static_configs:
      - targets: ['${target}']
  - job_name: beacon-no-token
    scrape_interval: 1s
    scrape_timeout: 1s
    static_configs:
      - targets: ['${target}']
`;
}

/** The value of an instant PromQL query's only sample, or undefined while there is none. */
async function queryOne(promUrl: string, query: string): Promise<number | undefined> {
  const res = await fetch(`${promUrl}/api/v1/query?query=${encodeURIComponent(query)}`);
  const body = (await res.json()) as { data: { result: Array<{ value: [number, string] }> } };
  const [first] = body.data.result;
  return first === undefined ? undefined : Number(first.value[1]);
}

describe.skipIf(!available)('Prometheus scrapes Beacon', () => {
  let beacon: BeaconProcess | undefined;
  let prometheus: Child | undefined;
  let dir: string;
  let promUrl: string;

  beforeAll(async () => {
    dir = tempDir('prometheus-scrape');
    beacon = await startBeacon({ BEACON_DATA_DIR: path.join(dir, 'beacon'), BEACON_METRICS_TOKEN: TOKEN });
    fs.writeFileSync(path.join(dir, 'prometheus.yml'), prometheusYml(beacon.url, TOKEN));
    const port = await freePort();
    promUrl = `http://127.0.0.1:${port}`;
    prometheus = Child.spawn(
      'prometheus',
      BIN.prometheus,
      [
        `--config.file=${path.join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${path.join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
      ],
      dir,
    );
    await prometheus.waitReady(`${promUrl}/-/ready`);
  });
  afterAll(async () => {
    await prometheus?.stop();
    await beacon?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('is up with the token and down without it, and its series are stored', async () => {
    const logs = () => `${prometheus?.logs() ?? ''}\n${beacon?.logs() ?? ''}`;
    expect(
      await waitFor(
        'up{job="beacon"} == 1',
        async () => ((await queryOne(promUrl, 'up{job="beacon"}')) === 1 ? true : undefined),
        30_000,
        logs,
      ),
    ).toBe(true);
    expect(
      await waitFor(
        'up{job="beacon-no-token"}',
        () => queryOne(promUrl, 'up{job="beacon-no-token"}'),
        30_000,
        logs,
      ),
    ).toBe(0);
    // Prometheus's own scrapes are requests Beacon times, under the route pattern /metrics.
    const scrapes = await waitFor(
      'Beacon timing its /metrics requests',
      () =>
        queryOne(
          promUrl,
          'sum(beacon_http_request_duration_seconds_count{job="beacon",route="/metrics",status_code="200"})',
        ),
      30_000,
      logs,
    );
    expect(scrapes).toBeGreaterThan(0);
    expect(await queryOne(promUrl, 'beacon_outbox_depth{job="beacon"}')).toBe(0);
    expect(await queryOne(promUrl, 'process_resident_memory_bytes{job="beacon"}')).toBeGreaterThan(0);
  });
});
