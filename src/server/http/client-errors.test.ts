import net from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { useApiHarness } from '../../../test/support/server/api-harness.js';
import { describeEachDialect } from '../../../test/support/server/test-database.js';

/** Send raw bytes to a listening app and read the whole answer (the server closes the connection). */
async function rawExchange(port: number, request: Buffer): Promise<{ head: string; body: unknown }> {
  const socket = net.connect(port, '127.0.0.1');
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  socket.write(request);
  await new Promise<void>((resolve, reject) => {
    socket.on('close', () => resolve());
    socket.on('error', reject);
  });
  const text = Buffer.concat(chunks).toString('utf8');
  const [head = '', body = ''] = text.split('\r\n\r\n');
  return { head, body: JSON.parse(body) as unknown };
}

const requestWithRawByte = (path: string) =>
  Buffer.concat([
    Buffer.from(`GET ${path}`, 'latin1'),
    Buffer.from([0xe9]),
    Buffer.from(' HTTP/1.1\r\nHost: localhost\r\n\r\n', 'latin1'),
  ]);

describeEachDialect('requests the HTTP parser refuses', (dialect) => {
  const api = useApiHarness(dialect);
  afterEach(async () => {
    await api().app.close();
  });

  const listen = async () => {
    await api().app.listen({ port: 0, host: '127.0.0.1' });
    const address = api().app.server.address();
    if (typeof address !== 'object' || address === null) throw new Error('not listening');
    return address.port;
  };

  it('answers a raw byte in an /api/v1 URL with 400 problem+json naming the request', async () => {
    const answer = await rawExchange(await listen(), requestWithRawByte('/api/v1/webhooks/'));
    expect(answer.head).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer.head).toMatch(/content-type: application\/problem\+json/i);
    expect(answer.body).toMatchObject({ status: 400, errors: [{ field: '(request)' }] });
  });

  it('answers a raw byte in an inbound URL in that format’s shape', async () => {
    const port = await listen();
    const alertmanager = await rawExchange(port, requestWithRawByte('/api/v2/alerts/'));
    expect(alertmanager.body).toMatchObject({ code: 400, message: expect.any(String) as string });
    const opsgenie = await rawExchange(port, requestWithRawByte('/v2/alerts/'));
    expect(opsgenie.body).toMatchObject({ message: expect.any(String) as string, took: 0 });
  });

  it('refuses a body nested deeper than 64 levels with 400 naming the body, at any depth', async () => {
    for (const depth of [65, 20_000]) {
      const res = await api().app.inject({
        method: 'POST',
        url: '/api/v1/teams',
        headers: { authorization: `Bearer ${api().tokens.admin}`, 'content-type': 'application/json' },
        payload: `{"name":"SRE","x":${'['.repeat(depth)}${']'.repeat(depth)}}`,
      });
      expect(res.statusCode, `depth ${depth}`).toBe(400);
      expect(res.json()).toMatchObject({ errors: [{ field: '(body)' }] });
    }
    const teams = await api().call('GET', '/api/v1/teams', { as: 'admin' });
    expect(teams.json()).toMatchObject({ items: [] });
  });
});
