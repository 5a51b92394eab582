/** Latency and throughput of one benchmark case. */
export interface CaseResult {
  name: string;
  requests: number;
  concurrency: number;
  errors: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  requestsPerSecond: number;
  /** Items in the last response (list cases), for a sanity check. */
  items: number | null;
}

/** Nearest-rank percentile of sorted `values` (p in 0..100). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? Number.NaN;
}

interface LoadOptions {
  requests: number;
  concurrency: number;
  warmup: number;
  headers: Record<string, string>;
}

/** GET `urlFor(i)` `requests` times, `concurrency` at a time, timing each to the last body byte. */
export async function measureCase(
  name: string,
  urlFor: (i: number) => string,
  options: LoadOptions,
): Promise<CaseResult> {
  let items: number | null = null;
  let errors = 0;
  const timings: number[] = [];
  const fire = async (i: number, isRecorded: boolean) => {
    const started = performance.now();
    const response = await fetch(urlFor(i), { headers: options.headers });
    const body = (await response.json()) as { items?: unknown[] };
    const elapsed = performance.now() - started;
    if (!isRecorded) return;
    if (response.status !== 200) {
      errors++;
      if (errors === 1)
        console.error(`${name}: HTTP ${response.status} ${JSON.stringify(body).slice(0, 300)}`);
    }
    timings.push(elapsed);
    if (Array.isArray(body.items)) items = body.items.length;
  };
  const run = async (total: number, isRecorded: boolean) => {
    let next = 0;
    const worker = async () => {
      while (next < total) await fire(next++, isRecorded);
    };
    await Promise.all(Array.from({ length: options.concurrency }, worker));
  };
  await run(options.warmup, false);
  const started = performance.now();
  await run(options.requests, true);
  const seconds = (performance.now() - started) / 1000;
  const sorted = timings.sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 100) / 100;
  return {
    name,
    requests: options.requests,
    concurrency: options.concurrency,
    errors,
    p50Ms: round(percentile(sorted, 50)),
    p90Ms: round(percentile(sorted, 90)),
    p99Ms: round(percentile(sorted, 99)),
    maxMs: round(sorted.at(-1) ?? Number.NaN),
    requestsPerSecond: Math.round(options.requests / seconds),
    items,
  };
}

/** Results as a markdown table. */
export function markdownTable(results: readonly CaseResult[]): string {
  const lines = [
    '| case | requests | errors | p50 ms | p90 ms | p99 ms | max ms | req/s | items |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const r of results) {
    lines.push(
      `| ${r.name} | ${r.requests} | ${r.errors} | ${r.p50Ms} | ${r.p90Ms} | ${r.p99Ms} | ${r.maxMs} | ${r.requestsPerSecond} | ${r.items ?? '-'} |`,
    );
  }
  return lines.join('\n');
}
