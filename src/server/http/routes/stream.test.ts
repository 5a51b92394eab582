import { afterEach, expect, it } from 'vitest';
import { createTokenForEmail } from '../../commands/tokens.js';
import { loadConfig } from '../../config.js';
import { type RunningServer, startServer } from '../../main.js';
import { useApiHarness } from '../../../../test/support/server/api-harness.js';
import {
  type TestDatabase,
  createTestDatabase,
  describeEachDialect,
  whileMigrating,
} from '../../../../test/support/server/test-database.js';
import { expectProblem } from '../../../../test/support/server/http/api-test-helpers.js';

/** Read the stream until `pattern` shows up, or give up after `ms` (the only wait in these tests). */
async function readUntil(body: ReadableStream<Uint8Array>, pattern: RegExp, ms: number): Promise<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const deadline = Date.now() + ms;
  try {
    while (!pattern.test(text) && Date.now() < deadline) {
      const timeout = new Promise<'timeout'>((resolve) =>
        setTimeout(() => resolve('timeout'), deadline - Date.now()),
      );
      const chunk = await Promise.race([reader.read(), timeout]);
      if (chunk === 'timeout' || chunk.done) break;
      text += decoder.decode(chunk.value, { stream: true });
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return text;
}

describeEachDialect('live stream API', (dialect) => {
  const api = useApiHarness(dialect);

  it('requires credentials', async () => {
    expectProblem(await api().call('GET', '/api/v1/stream', { as: null }), 401);
    expectProblem(await api().call('GET', '/api/v1/stream', { as: { token: 'bcn_wrong' } }), 401);
  });
});

describeEachDialect('live stream over HTTP', (dialect) => {
  let db: TestDatabase | undefined;
  let server: RunningServer | undefined;
  afterEach(async () => {
    await server?.close();
    await db?.drop();
    server = undefined;
    db = undefined;
  });

  it('sends an incident event within a couple of seconds of a declaration', async () => {
    // The real server wiring (change feed started, writes nudge it), on a fresh database.
    db = await createTestDatabase(dialect);
    const config = loadConfig({
      DATABASE_URL: db.databaseUrl,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      BEACON_ADMIN_EMAIL: 'admin@example.com',
      BEACON_ADMIN_PASSWORD: 'correct-horse-battery',
    });
    const schema = db.schema;
    server = await whileMigrating(() => startServer(config, schema ? { schema } : {}));
    const { token } = await createTokenForEmail(server.ctx, {
      email: 'admin@example.com',
      name: 'stream test',
    });
    const headers = { authorization: `Bearer ${token}` };

    expect((await fetch(`${server.url}/api/v1/stream`)).status).toBe(401);
    const controller = new AbortController();
    const stream = await fetch(`${server.url}/api/v1/stream`, { headers, signal: controller.signal });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    if (!stream.body) throw new Error('no stream body');

    const declared = await fetch(`${server.url}/api/v1/incidents`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Live update' }),
    });
    expect(declared.status).toBe(201);
    const text = await readUntil(stream.body, /event: incident\ndata: .*\n\n/, 3000);
    controller.abort();
    expect(text).toMatch(/^retry: \d+/);
    const data = /event: incident\ndata: (.*)\n/.exec(text)?.[1];
    expect(data, text).toBeDefined();
    expect(JSON.parse(data ?? '{}')).toMatchObject({
      ref: 'INC-1',
      kind: 'declared',
      status: 'investigating',
    });
  });
});
