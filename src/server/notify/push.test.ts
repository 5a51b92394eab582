import { describe, expect, it } from 'vitest';
import {
  ntfyJsonRefusal,
  pushoverRefusal,
} from '../../../test/support/server/engine/escalation/push-receivers.js';
import type { UpdateNotice } from '../../core/schemas/stakeholders.js';
import type { MessageIncident, OutboundMessage } from './message.js';
import { ntfyBody, ntfyTarget } from './ntfy.js';
import { PUSHOVER_EXPIRE_SECONDS, PUSHOVER_RETRY_SECONDS, pushoverFields } from './pushover.js';

const USER_KEY = 'uQiRzpo4DXghDmr9QzzfQu27cmVRsG';
const APP_TOKEN = 'azGDORePK8gMaC0QOYAMyEEuzJnyUi';

const incident = (n: number, extra: Partial<MessageIncident> = {}): MessageIncident => ({
  incidentId: n,
  ref: `INC-${n}`,
  title: `Checkout ${n} is down`,
  severity: 'SEV1',
  priority: 'P1',
  reason: 'escalation step 1',
  key: `esc:${n}:1`,
  url: `https://beacon.example/incidents/INC-${n}`,
  ackUrl: `https://beacon.example/ack/ack-${n}`,
  resolveUrl: `https://beacon.example/ack/resolve-${n}`,
  ...extra,
});

const message = (channel: string, incidents: MessageIncident[], extra: Partial<OutboundMessage> = {}) => ({
  channel,
  address: channel === 'ntfy' ? 'https://ntfy.example/ops/beacon-ada' : USER_KEY,
  recipientName: 'Ada',
  incidents,
  secret: 'secret',
  now: Date.parse('2026-01-02T03:04:05Z'),
  ackAllUrl: 'https://beacon.example/ack/ack-all',
  ackCallbackUrl: 'https://beacon.example/ack/callback',
  ...extra,
});

const reminder: UpdateNotice = {
  kind: 'update_reminder',
  message: 'No status update has been posted on INC-1 for 30 minutes.',
  status: 'investigating',
  severity: 'SEV1',
  impact: 'high',
  priority: 'P1',
  author: null,
  at: '2026-01-02T03:04:05.000Z',
  isExternal: false,
};

describe('ntfy', () => {
  it('publishes to the server root of the topic URL, also under a path', () => {
    expect(ntfyTarget('https://ntfy.example/ops/beacon-ada')).toEqual({
      publishUrl: 'https://ntfy.example/ops/',
      topic: 'beacon-ada',
    });
    expect(ntfyTarget('https://ntfy.sh/beacon-ada').publishUrl).toBe('https://ntfy.sh/');
  });

  it('sends a page at urgent priority with tags, click-through and Acknowledge/Resolve http buttons', () => {
    const runbook = { label: 'Runbook', url: 'https://runbooks.example/checkout' };
    const body = ntfyBody(
      message('ntfy', [
        incident(1, {
          context: {
            services: ['checkout'],
            alert: { summary: 'Errors', labels: [], links: [runbook] },
            firedAt: 0,
            alsoPaged: [],
            acknowledged: null,
          },
        }),
      ]),
    );

    expect(ntfyJsonRefusal(body, JSON.stringify(body).length)).toBeNull();
    expect(body).toMatchObject({
      topic: 'beacon-ada',
      title: 'INC-1 triggered: Checkout 1 is down',
      priority: 5,
      tags: ['rotating_light', 'SEV1', 'INC-1'],
      click: 'https://beacon.example/incidents/INC-1',
      actions: [
        {
          action: 'http',
          label: 'Acknowledge',
          url: 'https://beacon.example/ack/ack-1',
          method: 'POST',
          clear: true,
        },
        {
          action: 'http',
          label: 'Resolve',
          url: 'https://beacon.example/ack/resolve-1',
          method: 'POST',
          clear: true,
        },
        { action: 'view', label: 'Runbook', url: runbook.url },
      ],
    });
  });

  it('gives a bundle one Acknowledge all button', () => {
    const body = ntfyBody(message('ntfy', [incident(1), incident(2)]));

    expect(body.actions).toEqual([
      {
        action: 'http',
        label: 'Acknowledge all 2',
        url: 'https://beacon.example/ack/ack-all',
        method: 'POST',
        clear: true,
      },
    ]);
  });

  it('sends a notification that is not an escalation page by severity, and a reminder at default priority', () => {
    const reassigned = incident(1, { key: 'reassign:1', severity: 'SEV3' });
    expect(ntfyBody(message('ntfy', [reassigned])).priority).toBe(3);
    expect(ntfyBody(message('ntfy', [{ ...reassigned, severity: 'SEV2' }])).priority).toBe(4);
    const notice = ntfyBody(message('ntfy', [incident(1)], { notice: reminder }));
    expect(notice).toMatchObject({ priority: 3, actions: [] });
  });

  it('keeps a burst within ntfy’s 4,096-byte message', () => {
    const burst = Array.from({ length: 40 }, (_, n) => incident(n + 1, { title: `Ω ${'x'.repeat(300)}` }));
    const body = ntfyBody(message('ntfy', burst));

    expect(Buffer.byteLength(body.message)).toBeLessThanOrEqual(4_096);
    expect(body.message.endsWith('…')).toBe(true);
    expect(ntfyJsonRefusal(body, JSON.stringify(body).length)).toBeNull();
  });
});

describe('Pushover', () => {
  it('sends a page at emergency priority with retry, expire and the acknowledgement callback', () => {
    const fields = pushoverFields(message('pushover', [incident(1)]));

    expect(pushoverRefusal({ token: APP_TOKEN, ...fields }, { token: APP_TOKEN, user: USER_KEY })).toBeNull();
    expect(fields).toMatchObject({
      user: USER_KEY,
      title: 'INC-1 triggered: Checkout 1 is down',
      priority: '2',
      retry: String(PUSHOVER_RETRY_SECONDS),
      expire: String(PUSHOVER_EXPIRE_SECONDS),
      callback: 'https://beacon.example/ack/callback',
      url: 'https://beacon.example/incidents/INC-1',
      url_title: 'Open INC-1',
      timestamp: String(Date.parse('2026-01-02T03:04:05Z') / 1000),
    });
  });

  it('links a bundle to Acknowledge all', () => {
    const fields = pushoverFields(message('pushover', [incident(1), incident(2)]));

    expect(fields).toMatchObject({
      url: 'https://beacon.example/ack/ack-all',
      url_title: 'Acknowledge all 2',
    });
  });

  it('sends other notifications at high priority and reminders at normal, without emergency fields', () => {
    const reassigned = pushoverFields(message('pushover', [incident(1, { key: 'reassign:1' })]));
    expect(reassigned.priority).toBe('1');
    expect(reassigned).not.toHaveProperty('retry');
    expect(reassigned).not.toHaveProperty('callback');
    expect(pushoverFields(message('pushover', [incident(1)], { notice: reminder })).priority).toBe('0');
  });

  it('keeps within Pushover’s limits: 1,024-character message, 250-character title', () => {
    const burst = Array.from({ length: 30 }, (_, n) => incident(n + 1, { title: `Ω ${'x'.repeat(400)}` }));
    const fields = pushoverFields(message('pushover', burst));
    const single = pushoverFields(message('pushover', [incident(1, { title: 'y'.repeat(600) })]));

    expect(Array.from(fields.message ?? '')).toHaveLength(1_024);
    expect(Array.from(single.title ?? '')).toHaveLength(250);
    for (const sent of [fields, single])
      expect(pushoverRefusal({ token: APP_TOKEN, ...sent }, { token: APP_TOKEN, user: USER_KEY })).toBeNull();
  });
});
