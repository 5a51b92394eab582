import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Incident } from '../../../core/schemas/incident.js';
import { ok } from '../../../../test/support/server/http/api-test-helpers.js';
import { slackMessage, teamsMessage } from '../../notify/chat.js';
import type { OutboundMessage } from '../../notify/index.js';
import { useApiHarness } from '../../../../test/support/server/api-harness.js';
import { describeEachDialect } from '../../../../test/support/server/test-database.js';
import {
  type ChatReceiver,
  slackRefusal,
  startSlackReceiver,
  startTeamsReceiver,
  teamsRefusal,
} from '../../../../test/support/server/engine/escalation/chat-receivers.js';
import {
  type SmtpSink,
  notifyAtOnce,
  outboxRows,
  pagingEngine,
  serviceWithPolicy,
  startSmtpSink,
  trigger,
} from '../../../../test/support/server/engine/escalation/paging-test-helpers.js';

describeEachDialect('paging to Slack and Microsoft Teams', (dialect) => {
  const api = useApiHarness(dialect);
  let smtp: SmtpSink;
  let slack: ChatReceiver;
  let teams: ChatReceiver;
  beforeEach(async () => {
    [smtp, slack, teams] = await Promise.all([startSmtpSink(), startSlackReceiver(), startTeamsReceiver()]);
  });
  afterEach(async () => {
    await Promise.all([smtp.close(), slack.close(), teams.close()]);
  });

  it('a burst of 30 incidents reaches each chat as one message the service accepts', async () => {
    const { users } = api();
    await notifyAtOnce(api(), 'viewer', { type: 'slack', address: slack.url });
    await notifyAtOnce(api(), 'responder', { type: 'teams', address: teams.url });
    const { serviceId } = await serviceWithPolicy(api(), [
      {
        delayMinutes: 5,
        targets: [
          { type: 'user', id: users.viewer.userId },
          { type: 'user', id: users.responder.userId },
        ],
      },
    ]);
    for (let n = 1; n <= 30; n++) await trigger(api(), serviceId, `Node ${n} <down> & out`);

    const engine = pagingEngine(api().db.ctx, smtp.url);
    await engine.tick();
    api().clock.advance(10_000);
    await engine.tick();

    expect(slack.refused).toEqual([]);
    expect(teams.refused).toEqual([]);
    expect(slack.received).toHaveLength(1);
    expect(teams.received).toHaveLength(1);
    const slackText = JSON.stringify(slack.received[0]);
    expect(slackText).toContain('30 incidents triggered');
    expect(slackText).toContain('…and 10 more incidents.');
    expect(slackText).toContain('&lt;down&gt; &amp; out');
    const teamsText = JSON.stringify(teams.received[0]);
    expect(teamsText).toContain('…and 20 more incidents.');
    const rows = await outboxRows(api().db.ctx);
    expect(rows.filter((row) => row.channel !== 'email').map((row) => row.status)).toEqual(['sent', 'sent']);

    // The Slack button acknowledges the incident it belongs to.
    const buttons = (slack.received[0] as { blocks: Array<{ elements?: Array<{ url?: string }> }> }).blocks
      .flatMap((block) => block.elements ?? [])
      .map((element) => element.url)
      .filter((url): url is string => url !== undefined);
    const ack = await api().app.inject({
      method: 'POST',
      url: new URL(buttons[0] ?? '').pathname,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: '',
    });
    expect(ack.statusCode, ack.body).toBe(200);
    const first = ok<Incident>(await api().call('GET', '/api/v1/incidents/INC-1'));
    expect(first.status).toBe('investigating');
  });
});

const sample = (count: number, title = 'Checkout is down'): OutboundMessage => ({
  channel: 'slack',
  address: 'http://127.0.0.1/hook',
  recipientName: 'Ada',
  secret: '',
  now: 0,
  incidents: Array.from({ length: count }, (_, i) => ({
    incidentId: i + 1,
    ref: `INC-${i + 1}`,
    title,
    severity: 'SEV1',
    priority: 'P1',
    reason: 'triggered',
    key: `page-${i + 1}`,
    url: `https://beacon.example/incidents/INC-${i + 1}`,
    ackUrl: `https://beacon.example/a/${'x'.repeat(200)}`,
    resolveUrl: `https://beacon.example/a/${'y'.repeat(200)}`,
  })),
});

it('Slack and Teams messages stay within the services’ limits for any burst and title', () => {
  for (const count of [1, 2, 20, 21, 500]) {
    const long = sample(count, 'x'.repeat(5000));
    expect(slackRefusal(slackMessage(long)), `slack, ${count}`).toBeNull();
    const card = JSON.stringify(teamsMessage(long));
    expect(teamsRefusal(JSON.parse(card), Buffer.byteLength(card)), `teams, ${count}`).toBeNull();
  }
  // The receivers do refuse what the services refuse.
  expect(slackRefusal({ blocks: Array.from({ length: 51 }, () => ({ type: 'divider' })) })).toBe(
    'invalid_blocks',
  );
  expect(slackRefusal({})).toBe('no_text');
  expect(teamsRefusal({ type: 'message', attachments: [] }, 10)).toBe('expected exactly one attachment');
});
