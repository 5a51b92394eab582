import { afterEach, expect, it } from 'vitest';
import { useApiHarness } from '../../../../test/support/server/api-harness.js';
import { describeEachDialect } from '../../../../test/support/server/test-database.js';
import { integrationFor } from '../../../../test/support/server/ingest/inbound-test-helpers.js';

describeEachDialect('POST /api/v1/events body guard', (dialect) => {
  const api = useApiHarness(dialect);
  afterEach(async () => {
    await api().app.close();
  });

  it('answers a body over the limit that turns too deep after it, and keeps serving', async () => {
    const { key } = await integrationFor(api(), 'alertmanager');
    await api().app.listen({ port: 0, host: '127.0.0.1' });
    const address = api().app.server.address();
    if (typeof address !== 'object' || address === null) throw new Error('not listening');
    const url = `http://127.0.0.1:${address.port}`;
    // 700 KB of shallow text first (over the 512 KB limit), then nesting far past 64 levels:
    // the limit answers first, and the depth error of the later chunks must not go unheard.
    const body = `{"summary":"${'a'.repeat(700_000)}","details":${'['.repeat(5000)}${']'.repeat(5000)}}`;
    // Sent in chunks without a length, as a streaming sender does: the limit is found while reading.
    const chunks = Array.from({ length: Math.ceil(body.length / 65_536) }, (_, i) =>
      new TextEncoder().encode(body.slice(i * 65_536, (i + 1) * 65_536)),
    );
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        const chunk = chunks.shift();
        if (chunk) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const res = await fetch(`${url}/api/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect([400, 413]).toContain(res.status);
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
  });
});
