import { describe, expect, it } from 'vitest';
import { actionOfKey, parsePhoneReply } from './phone-reply.js';

describe('parsePhoneReply', () => {
  it.each([
    ['4', 'ack', undefined],
    ['1', 'ack', undefined],
    ['ack', 'ack', undefined],
    [' ACK ', 'ack', undefined],
    ['Acknowledge.', 'ack', undefined],
    ['6', 'resolve', undefined],
    ['res', 'resolve', undefined],
    ['4 12', 'ack', 12],
    ['ack INC-12', 'ack', 12],
    ['INC-12 ack', 'ack', 12],
    ['12 6', 'resolve', 12],
    ['resolve #7', 'resolve', 7],
    ['6: 31', 'resolve', 31],
  ])('%j → %s %s', (text, action, incidentNumber) => {
    expect(parsePhoneReply(text)).toEqual({ action, incidentNumber });
  });

  it.each(['', 'ok', '5', 'on my way', 'ack 12 13', '12', 'ack ack', 'ack INC-x'])(
    '%j is not a reply',
    (text) => {
      expect(parsePhoneReply(text)).toBeUndefined();
    },
  );
});

describe('actionOfKey', () => {
  it('4 acknowledges, 6 resolves, other keys do nothing', () => {
    expect(actionOfKey('4')).toBe('ack');
    expect(actionOfKey('6')).toBe('resolve');
    for (const key of ['', '1', '#', '44']) expect(actionOfKey(key)).toBeUndefined();
  });
});
