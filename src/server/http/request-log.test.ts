import { afterEach, describe, expect, it } from 'vitest';
import { createTokenForEmail } from '../commands/tokens.js';
import { loadConfig } from '../config.js';
import { type RunningServer, startServer } from '../main.js';
import {
  type TestDatabase,
  createTestDatabase,
  describeEachDialect,
  whileMigrating,
} from '../../../test/support/server/test-database.js';
import { REDACTED, isSecretName, redactUrl } from './logger-options.js';

describe('redactUrl', () => {
  it('takes secrets out of paths and query strings, keeping the route recognisable', () => {
    const key = '0123456789abcdef0123456789abcdef';
    expect(redactUrl(`/integrations/alertmanager/${key}/api/v2/alerts`)).toBe(
      `/integrations/alertmanager/${REDACTED}/api/v2/alerts`,
    );
    expect(redactUrl(`/integrations/alertmanager-webhook/${key}`)).toBe(
      `/integrations/alertmanager-webhook/${REDACTED}`,
    );
    expect(redactUrl(`/integrations/email/${key}`)).toBe(`/integrations/email/${REDACTED}`);
    expect(redactUrl('/integrations/heartbeat/hb_secret?status=ok')).toBe(
      `/integrations/heartbeat/${REDACTED}?status=ok`,
    );
    expect(redactUrl('/ack/v1.abc.def')).toBe(`/ack/${REDACTED}`);
    expect(redactUrl('/calendar/users/cal_secret.ics')).toBe(`/calendar/users/${REDACTED}`);
    expect(redactUrl('/calendar/schedules/cal_secret.ics')).toBe(`/calendar/schedules/${REDACTED}`);
    expect(redactUrl('/Integrations/Email/secret/more')).toBe(`/Integrations/Email/${REDACTED}/more`);
    expect(redactUrl('/v2/alerts?apiKey=s1&identifierType=alias&routing_key=s2&access_token=s3')).toBe(
      `/v2/alerts?apiKey=${REDACTED}&identifierType=alias&routing_key=${REDACTED}&access_token=${REDACTED}`,
    );
    // A matched route's secret parameters, wherever they are.
    expect(redactUrl('/hooks/abc%2Fdef/x', ['abc/def'])).toBe(`/hooks/${REDACTED}/x`);
    // Paths without secrets stay as they are.
    expect(redactUrl('/api/v1/incidents/INC-4?limit=5')).toBe('/api/v1/incidents/INC-4?limit=5');
    expect(redactUrl('/integrations/opsgenie/v2/alerts/cpu/close')).toBe(
      '/integrations/opsgenie/v2/alerts/cpu/close',
    );
  });

  it('knows secret parameter names', () => {
    for (const name of [
      'key',
      'api_key',
      'apiKey',
      'routing_key',
      'token',
      'access_token',
      'secret',
      'password',
    ])
      expect(isSecretName(name), name).toBe(true);
    for (const name of ['limit', 'identifierType', 'status', 'id', 'ref'])
      expect(isSecretName(name), name).toBe(false);
  });
});

describeEachDialect('the request log', (dialect) => {
  let db: TestDatabase | undefined;
  let server: RunningServer | undefined;
  afterEach(async () => {
    await server?.close();
    await db?.drop();
    server = undefined;
    db = undefined;
  });

  /** Start the real server with its real logger, writing to `lines`. */
  async function start(lines: string[]): Promise<RunningServer> {
    db = await createTestDatabase(dialect);
    const config = loadConfig({
      DATABASE_URL: db.databaseUrl,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      BEACON_ADMIN_EMAIL: 'admin@example.com',
      BEACON_ADMIN_PASSWORD: 'correct-horse-battery',
    });
    const schema = db.schema;
    const logStream = { write: (line: string) => void lines.push(line) };
    return whileMigrating(() => startServer(config, { ...(schema ? { schema } : {}), logStream }));
  }

  it('never holds a key, token, credential header or cookie, and still shows each route', async () => {
    const lines: string[] = [];
    server = await start(lines);
    const { token } = await createTokenForEmail(server.ctx, { email: 'admin@example.com', name: 'log test' });
    const asAdmin = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const call = async (path: string, init: RequestInit = {}) => {
      const response = await fetch(`${server?.url ?? ''}${path}`, init);
      return { status: response.status, body: await response.text() };
    };
    const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
      call(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });

    const service = JSON.parse((await post('/api/v1/services', { name: 'web' }, asAdmin)).body) as {
      id: number;
    };
    const keyOf = async (type: string) =>
      (
        JSON.parse(
          (await post(`/api/v1/services/${service.id}/integrations`, { type, name: type }, asAdmin)).body,
        ) as { key: string }
      ).key;
    const alertmanagerKey = await keyOf('alertmanager');
    const emailKey = await keyOf('email');
    const opsgenieKey = await keyOf('opsgenie');
    const calendar = JSON.parse(
      (
        await call('/api/v1/me/calendar-token', {
          method: 'POST',
          headers: { authorization: `Bearer ${token}` },
        })
      ).body,
    ) as { url: string };
    const calendarPath = new URL(calendar.url).pathname;
    const calendarToken =
      calendarPath
        .split('/')
        .pop()
        ?.replace(/\.ics$/, '') ?? '';
    expect(calendarToken.length).toBeGreaterThan(10);

    const alert = [{ labels: { alertname: 'CPU' } }];
    expect((await post(`/integrations/alertmanager/${alertmanagerKey}/api/v2/alerts`, alert)).status).toBe(
      200,
    );
    await post(`/integrations/alertmanager-webhook/${alertmanagerKey}`, { version: '4', alerts: [] });
    await call(`/integrations/email/${emailKey}`, {
      method: 'POST',
      headers: { 'content-type': 'message/rfc822' },
      body: 'Subject: Disk full\r\n\r\nbody',
    });
    await call(`/integrations/email/${emailKey}/not-a-route`);
    await call('/integrations/heartbeat/heartbeat-secret-0001');
    await call('/ack/ack-secret-0002');
    expect((await call(calendarPath)).status).toBe(200);
    await call('/api/v2/alerts?api_key=query-secret-0003');
    await post('/v2/enqueue?routing_key=query-secret-0004', {
      routing_key: 'body-secret-0005',
      event_action: 'trigger',
    });
    await post('/v2/alerts', { message: 'CPU' }, { authorization: `GenieKey ${opsgenieKey}` });
    await call('/api/v1/incidents', {
      headers: {
        authorization: `Bearer ${token}`,
        'x-api-key': 'header-secret-0006',
        cookie: 'beacon_session=cookie-secret-0007',
      },
    });
    // A line that carries headers (or secret fields) has them censored too.
    server.app.log.warn(
      {
        headers: { authorization: 'Bearer header-secret-0008', 'x-api-key': 'header-secret-0009' },
        request: { headers: { cookie: 'beacon_session=cookie-secret-0010' } },
        routing_key: 'field-secret-0011',
      },
      'a line with headers',
    );
    const malformed = Object.assign(new Error('Parse Error'), {
      rawPacket: Buffer.from('GET /ack/x HTTP/1.1'),
    });
    server.app.log.warn({ err: malformed }, 'client error');

    const log = lines.join('');
    const secrets = [alertmanagerKey, emailKey, opsgenieKey, calendarToken, token];
    for (let i = 1; i <= 11; i++) secrets.push(`secret-${String(i).padStart(4, '0')}`);
    for (const secret of secrets) expect(log, secret).not.toContain(secret);

    const urls = lines
      .map((line) => (JSON.parse(line) as { req?: { url: string } }).req?.url)
      .filter(Boolean);
    expect(urls).toEqual(
      expect.arrayContaining([
        `/integrations/alertmanager/${REDACTED}/api/v2/alerts`,
        `/integrations/alertmanager-webhook/${REDACTED}`,
        `/integrations/email/${REDACTED}`,
        `/integrations/email/${REDACTED}/not-a-route`,
        `/integrations/heartbeat/${REDACTED}`,
        `/ack/${REDACTED}`,
        `/calendar/users/${REDACTED}`,
        `/api/v2/alerts?api_key=${REDACTED}`,
        `/v2/enqueue?routing_key=${REDACTED}`,
        '/v2/alerts',
        '/api/v1/incidents',
      ]),
    );
    expect(log).toContain(`"authorization":"${REDACTED}"`);
    expect(log).toContain(`"cookie":"${REDACTED}"`);
    expect(log).toContain(`"rawPacket":"${REDACTED}"`);
  });
});
