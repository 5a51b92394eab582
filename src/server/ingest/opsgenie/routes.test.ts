import { expect, it } from 'vitest';
import { useApiHarness } from '../../../../test/support/server/api-harness.js';
import { describeEachDialect } from '../../../../test/support/server/test-database.js';
import {
  expectNothingStored,
  integrationFor,
  json,
  listAlerts,
  listIncidents,
  send,
} from '../../../../test/support/server/ingest/inbound-test-helpers.js';

// The "Create Alert" example of Opsgenie's Alert API documentation.
const create = {
  message: 'An example alert message',
  alias: 'Life is too short for no alias',
  description: 'Every alert needs a description',
  responders: [
    { id: '4513b7ea-3b91-438f-b7e4-e3e54af9147c', type: 'team' },
    { name: 'NOC', type: 'team' },
    { username: 'trinity@opsgenie.com', type: 'user' },
  ],
  visibleTo: [{ name: 'rocket_team', type: 'team' }],
  actions: ['Restart', 'AnExampleAction'],
  tags: ['OverwriteQuietHours', 'Critical'],
  details: { key1: 'value1', key2: 'value2' },
  entity: 'An example entity',
  priority: 'P1',
};

interface Accepted {
  result: string;
  took: number;
  requestId: string;
}

interface RequestStatus {
  data: {
    success: boolean;
    action: string;
    isSuccess: boolean;
    status: string;
    alertId: string;
    alias: string;
  };
  requestId: string;
}

const genie = (key: string) => ({ authorization: `GenieKey ${key}` });

describeEachDialect('Opsgenie Alert API inbound', (dialect) => {
  const api = useApiHarness(dialect);

  it('creates an alert and one incident from the documented example; the request status names it', async () => {
    const { key } = await integrationFor(api(), 'opsgenie');
    const reply = json<Accepted>(await send(api(), 'POST', '/v2/alerts', create, genie(key)), 202);
    expect(reply.result).toBe('Request will be processed');
    expect(typeof reply.took).toBe('number');
    const [alert, ...others] = await listAlerts(api());
    expect(others).toEqual([]);
    expect(alert).toMatchObject({
      dedupKey: 'Life is too short for no alias',
      summary: 'An example alert message',
      severity: 'critical',
      labels: { entity: 'An example entity' },
      details: {
        key1: 'value1',
        key2: 'value2',
        description: 'Every alert needs a description',
        tags: ['OverwriteQuietHours', 'Critical'],
        priority: 'P1',
      },
    });
    expect(await listIncidents(api())).toHaveLength(1);
    const status = json<RequestStatus>(
      await send(api(), 'GET', `/v2/alerts/requests/${reply.requestId}`, undefined, genie(key)),
      200,
    );
    expect(status.data).toMatchObject({
      success: true,
      action: 'Create',
      isSuccess: true,
      status: 'Created alert',
      alertId: String(alert?.id),
      alias: 'Life is too short for no alias',
    });
  });

  it('maps priorities to severities (default P3) and dedupes on a hash of the message without alias', async () => {
    const { key } = await integrationFor(api(), 'opsgenie');
    for (const [priority, message] of [
      ['P2', 'two'],
      ['P4', 'four'],
      ['P5', 'five'],
      [undefined, 'default'],
    ] as const) {
      json(
        await send(api(), 'POST', '/integrations/opsgenie/v2/alerts', { message, priority }, genie(key)),
        202,
      );
    }
    const bySummary = Object.fromEntries((await listAlerts(api())).map((a) => [a.summary, a.severity]));
    expect(bySummary).toEqual({ two: 'error', four: 'info', five: 'info', default: 'warning' });
    json(await send(api(), 'POST', '/v2/alerts', { message: 'two', priority: 'P2' }, genie(key)), 202);
    expect(await listAlerts(api())).toHaveLength(4);
  });

  it('treats a re-sent create as a no-op, acknowledges and closes by alias and by id', async () => {
    const { key } = await integrationFor(api(), 'opsgenie');
    await send(api(), 'POST', '/v2/alerts', create, genie(key));
    const before = await listAlerts(api());
    json(await send(api(), 'POST', '/v2/alerts', create, genie(key)), 202);
    expect((await listAlerts(api())).map((a) => [a.id, a.eventCount])).toEqual(
      before.map((a) => [a.id, a.eventCount]),
    );
    const alias = encodeURIComponent(create.alias);
    const ack = json<Accepted>(
      await send(
        api(),
        'POST',
        `/v2/alerts/${alias}/acknowledge?identifierType=alias`,
        { user: 'Monitoring Script', note: 'Action executed via Alert API' },
        genie(key),
      ),
      202,
    );
    expect((await listAlerts(api()))[0]?.status).toBe('acknowledged');
    const ackStatus = json<RequestStatus>(
      await send(api(), 'GET', `/v2/alerts/requests/${ack.requestId}`, undefined, genie(key)),
      200,
    );
    expect(ackStatus.data).toMatchObject({
      action: 'Acknowledge',
      isSuccess: true,
      status: 'Acknowledged alert',
    });
    // Close by Beacon's alert id (Opsgenie's default identifierType), with no body at all.
    const id = String(before[0]?.id);
    const close = json<Accepted>(
      await send(api(), 'POST', `/v2/alerts/${id}/close`, undefined, genie(key)),
      202,
    );
    expect((await listAlerts(api()))[0]?.status).toBe('resolved');
    expect((await listIncidents(api()))[0]?.status).toBe('resolved');
    const closeStatus = json<RequestStatus>(
      await send(api(), 'GET', `/v2/alerts/requests/${close.requestId}`, undefined, genie(key)),
      200,
    );
    expect(closeStatus.data).toMatchObject({
      action: 'Close',
      isSuccess: true,
      status: 'Closed alert',
      alertId: id,
    });
    // Closing again, or closing what never existed: accepted, and the request status says why not.
    for (const url of [
      `/v2/alerts/${id}/close?identifierType=tiny`,
      '/v2/alerts/no-such-alias/close?identifierType=alias',
      '/v2/alerts/not-a-number/close',
      // Past PostgreSQL's integer: no such alert, not a database error.
      '/v2/alerts/9999999999/close',
    ]) {
      const again = json<Accepted>(await send(api(), 'POST', url, { source: 'script' }, genie(key)), 202);
      const status = json<RequestStatus>(
        await send(
          api(),
          'GET',
          `/integrations/opsgenie/v2/alerts/requests/${again.requestId}`,
          undefined,
          genie(key),
        ),
        200,
      );
      expect(status.data).toMatchObject({ isSuccess: false, status: 'Alert does not exist' });
    }
    expect(await listAlerts(api())).toHaveLength(1);
  });

  it('answers invalid requests with 422 (errors by field) or 400 (not JSON), storing nothing', async () => {
    const { key } = await integrationFor(api(), 'opsgenie');
    for (const [body, field] of [
      [{ alias: 'no message' }, 'message'],
      [{ message: '   ' }, 'message'],
      [{ message: 'x', priority: 'P9' }, 'priority'],
      [{ message: 'x', tags: 'not-a-list' }, 'tags'],
    ] as const) {
      const reply = json<{ message: string; errors: Record<string, string>; requestId: string }>(
        await send(api(), 'POST', '/v2/alerts', body, genie(key)),
        422,
      );
      expect(reply.message).toBe('Request body is not processable. Please check the errors.');
      expect(Object.keys(reply.errors)).toEqual([field]);
      expect(reply.requestId).toMatch(/^[0-9a-f-]{36}$/);
    }
    const parse = json<{ message: string; took: number }>(
      await send(api(), 'POST', '/v2/alerts', '{"message": ', genie(key)),
      400,
    );
    expect(parse.message).toMatch(/JSON/);
    expect(
      json<{ errors: Record<string, string> }>(
        await send(api(), 'POST', '/v2/alerts/1/close?identifierType=name', {}, genie(key)),
        422,
      ).errors,
    ).toHaveProperty('identifierType');
    await expectNothingStored(api());
  });

  it('cuts a message longer than 130 characters', async () => {
    const { key } = await integrationFor(api(), 'opsgenie');
    json(await send(api(), 'POST', '/v2/alerts', { message: 'm'.repeat(200) }, genie(key)), 202);
    expect((await listAlerts(api()))[0]?.summary).toHaveLength(130);
  });

  it('refuses a missing key or one not sent as GenieKey with 401 "Could not authenticate"', async () => {
    const { key } = await integrationFor(api(), 'opsgenie');
    for (const headers of [{}, { authorization: `Bearer ${key}` }] as Record<string, string>[]) {
      const reply = json<{ message: string }>(await send(api(), 'POST', '/v2/alerts', create, headers), 401);
      expect(reply.message).toBe('Could not authenticate');
    }
    await expectNothingStored(api());
  });

  it('keeps request status per integration: unknown or foreign request ids are 404', async () => {
    const { key } = await integrationFor(api(), 'opsgenie');
    const { key: otherKey } = await integrationFor(api(), 'opsgenie', 'other');
    const reply = json<Accepted>(await send(api(), 'POST', '/v2/alerts', create, genie(key)), 202);
    expect(
      json<{ message: string }>(
        await send(api(), 'GET', `/v2/alerts/requests/${reply.requestId}`, undefined, genie(otherKey)),
        404,
      ).message,
    ).toMatch(/Request not found/);
    expect(
      json<{ message: string }>(
        await send(
          api(),
          'GET',
          '/v2/alerts/requests/0c7e1d8e-1c75-442e-a271-731070a7fa4d',
          undefined,
          genie(key),
        ),
        404,
      ).message,
    ).toMatch(/Request not found/);
  });
});
