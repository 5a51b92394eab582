/**
 * The ingest benchmark's load generator: POSTs prepared Alertmanager API v2 bodies over
 * keep-alive connections, a fixed number of requests at a fixed concurrency, stopping at a
 * time cap. The same code drives Beacon and Alertmanager.
 */
import http from 'node:http';
import { percentile } from './http-load.js';

/** One label set of the benchmark, as Prometheus would send it. */
export function alertJson(id: number, startsAt: string, endsAt: string): string {
  const host = `host-${String(id).padStart(5, '0')}`;
  const severity = id % 10 === 0 ? 'critical' : 'warning';
  const labels = {
    alertname: `NodeDiskFilling${id % 20}`,
    instance: `${host}:9100`,
    job: 'node',
    severity,
    namespace: `team-${id % 7}`,
    device: `/dev/nvme${id % 4}n1`,
  };
  const annotations = {
    summary: `Disk on ${host} will fill within 4 hours`,
    description: `Filesystem ${labels.device} on ${host} is predicted to run out of space within the next 4 hours at the current write rate.`,
    runbook_url: 'https://runbooks.example.com/node/disk-filling',
  };
  return JSON.stringify({
    labels,
    annotations,
    startsAt,
    endsAt,
    generatorURL: `http://prometheus.example.com:9090/graph?g0.expr=predict_linear%28node_filesystem_avail_bytes%7Binstance%3D%22${host}%3A9100%22%7D%5B6h%5D%2C4*3600%29+%3C+0`,
  });
}

/** A request body of several alerts. */
export function bodyOf(alerts: readonly string[]): Buffer {
  return Buffer.from(`[${alerts.join(',')}]`);
}

export interface LoadOptions {
  url: string;
  /** The body of request `i` (0-based). */
  body: (i: number) => Buffer;
  alertsPerRequest: number;
  requests: number;
  concurrency: number;
  /** Stop sending new requests after this many seconds. */
  maxSeconds: number;
  headers?: Record<string, string>;
}

export interface LoadResult {
  requestsSent: number;
  requestsOk: number;
  errors: number;
  /** Status codes (or error names) of failed requests, with their counts. */
  errorKinds: Record<string, number>;
  firstError: string | null;
  seconds: number;
  /** Alerts in requests answered 2xx, per second. */
  alertsPerSecond: number;
  requestsPerSecond: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  hitTimeCap: boolean;
}

interface Reply {
  status: number;
  body: string;
}

function post(agent: http.Agent, url: URL, body: Buffer, headers: Record<string, string>): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': body.length, ...headers },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

/** Run one load: `requests` POSTs, `concurrency` in flight, until done or `maxSeconds`. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const url = new URL(options.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency });
  const timings: number[] = [];
  const errorKinds: Record<string, number> = {};
  let firstError: string | null = null;
  let next = 0;
  let ok = 0;
  const started = performance.now();
  const deadline = started + options.maxSeconds * 1000;
  const worker = async () => {
    while (next < options.requests && performance.now() < deadline) {
      const body = options.body(next++);
      const sent = performance.now();
      try {
        const reply = await post(agent, url, body, options.headers ?? {});
        timings.push(performance.now() - sent);
        if (reply.status >= 200 && reply.status < 300) ok++;
        else {
          errorKinds[reply.status] = (errorKinds[reply.status] ?? 0) + 1;
          firstError ??= `HTTP ${reply.status} ${reply.body.slice(0, 300)}`;
        }
      } catch (error) {
        const kind = error instanceof Error ? ((error as NodeJS.ErrnoException).code ?? error.name) : 'error';
        errorKinds[kind] = (errorKinds[kind] ?? 0) + 1;
        firstError ??= String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  const sorted = timings.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    requestsSent: next,
    requestsOk: ok,
    errors: next - ok,
    errorKinds,
    firstError,
    seconds: round(seconds),
    alertsPerSecond: Math.round((ok * options.alertsPerRequest) / seconds),
    requestsPerSecond: Math.round(ok / seconds),
    p50Ms: round(percentile(sorted, 50)),
    p90Ms: round(percentile(sorted, 90)),
    p99Ms: round(percentile(sorted, 99)),
    maxMs: round(sorted.at(-1) ?? Number.NaN),
    hitTimeCap: next < options.requests,
  };
}
