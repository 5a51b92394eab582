import { describe, expect, it } from 'vitest';
import { textHash } from '../common.js';
import { opsgenieActionEvent, opsgenieCreateEvent } from './parse.js';

// The "Create Alert" example of Opsgenie's Alert API documentation.
const example = {
  message: 'An example alert message',
  alias: 'Life is too short for no alias',
  description: 'Every alert needs a description',
  responders: [
    { id: '4513b7ea-3b91-438f-b7e4-e3e54af9147c', type: 'team' },
    { name: 'NOC', type: 'team' },
    { id: 'bb4d9938-c3c2-455d-aaab-727aa701c0d8', type: 'user' },
    { username: 'trinity@opsgenie.com', type: 'user' },
    { id: 'aee8a0de-c80f-4515-a232-501c0bc9d715', type: 'escalation' },
    { name: 'Nightwatch Escalation', type: 'escalation' },
    { id: '80564037-1984-4f38-b98e-8a1f662df552', type: 'schedule' },
    { name: 'First Responders Schedule', type: 'schedule' },
  ],
  visibleTo: [
    { id: '4513b7ea-3b91-438f-b7e4-e3e54af9147c', type: 'team' },
    { name: 'rocket_team', type: 'team' },
    { id: 'bb4d9938-c3c2-455d-aaab-727aa701c0d8', type: 'user' },
    { username: 'trinity@opsgenie.com', type: 'user' },
  ],
  actions: ['Restart', 'AnExampleAction'],
  tags: ['OverwriteQuietHours', 'Critical'],
  details: { key1: 'value1', key2: 'value2' },
  entity: 'An example entity',
  priority: 'P1',
};

describe('opsgenieCreateEvent', () => {
  it('reads the documented example: alias is the dedup key, P1 is critical', () => {
    expect(opsgenieCreateEvent(example, '10.0.0.1')).toEqual({
      ok: true,
      value: expect.objectContaining({
        action: 'trigger',
        dedupKey: 'Life is too short for no alias',
        summary: 'An example alert message',
        severity: 'critical',
        source: '10.0.0.1',
        labels: { entity: 'An example entity' },
        details: {
          key1: 'value1',
          key2: 'value2',
          description: 'Every alert needs a description',
          tags: ['OverwriteQuietHours', 'Critical'],
          entity: 'An example entity',
          priority: 'P1',
        },
        payload: example,
      }),
    });
  });

  it('defaults to P3 and a hash of the message; cuts fields at Opsgenie limits', () => {
    const parsed = opsgenieCreateEvent(
      { message: 'm'.repeat(200), source: 's'.repeat(150), tags: Array(30).fill('t'.repeat(60)) },
      'ip',
    );
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.severity).toBe('warning');
    expect(parsed.value.summary).toHaveLength(130);
    expect(parsed.value.dedupKey).toBe(textHash('m'.repeat(130)));
    expect(parsed.value.source).toHaveLength(100);
    expect(parsed.value.details.tags).toEqual(Array(20).fill('t'.repeat(50)));
  });

  it('names each invalid field as Opsgenie does', () => {
    expect(opsgenieCreateEvent({ priority: 'urgent', details: [], user: 5 }, 'ip')).toEqual({
      ok: false,
      errors: {
        message: 'Message can not be empty.',
        user: 'should be a string',
        priority: 'should be one of [ P1, P2, P3, P4, P5 ]',
        details: 'should be an object',
      },
    });
    expect(opsgenieCreateEvent('text', 'ip').ok).toBe(false);
  });
});

describe('opsgenieActionEvent', () => {
  it('makes acknowledge and close events of a dedup key, keeping the request body', () => {
    const body = { user: 'Monitoring Script', source: 'AWS Lambda', note: 'Action executed via Alert API' };
    expect(opsgenieActionEvent('resolve', 'alias-1', body)).toMatchObject({
      action: 'resolve',
      dedupKey: 'alias-1',
      source: 'AWS Lambda',
      payload: body,
    });
    expect(opsgenieActionEvent('acknowledge', 'alias-1', undefined)).toMatchObject({
      source: null,
      payload: {},
    });
  });
});
