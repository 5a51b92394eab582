import { describe, expect, it } from 'vitest';
import { TIMELINE_KINDS } from './timeline.js';
import {
  NON_EVENT_TIMELINE_KINDS,
  isWantedEvent,
  snakeCase,
  updateKindOf,
  webhookEventOf,
} from './webhooks.js';

describe('webhook events', () => {
  it('decides for every timeline kind whether it is an event', () => {
    for (const kind of TIMELINE_KINDS) {
      const isEvent = webhookEventOf(kind) !== null;
      expect(isEvent !== NON_EVENT_TIMELINE_KINDS.includes(kind), `timeline kind ${kind}`).toBe(true);
    }
  });

  it('maps the lifecycle and posted updates to events', () => {
    expect(webhookEventOf('declared')).toBe('incident.triggered');
    expect(webhookEventOf('acknowledged')).toBe('incident.acknowledged');
    expect(webhookEventOf('declined')).toBe('incident.status_changed');
    expect(webhookEventOf('merged_into')).toBe('incident.merged');
    expect(webhookEventOf('merged_from')).toBeNull();
    expect(webhookEventOf('note')).toBe('incident.update_posted');
    expect(updateKindOf('note')).toBe('note');
    expect(updateKindOf('resolved')).toBeNull();
    expect(webhookEventOf('constructor' as never)).toBeNull();
  });

  it('filters by event type and by any of the incident services', () => {
    const all = { eventTypes: null, serviceIds: null };
    expect(isWantedEvent(all, 'incident.closed', [])).toBe(true);
    const some = { eventTypes: ['incident.resolved'], serviceIds: [2, 3] };
    expect(isWantedEvent(some, 'incident.resolved', [1, 3])).toBe(true);
    expect(isWantedEvent(some, 'incident.resolved', [1])).toBe(false);
    expect(isWantedEvent(some, 'incident.resolved', [])).toBe(false);
    expect(isWantedEvent(some, 'incident.triggered', [2])).toBe(false);
  });

  it('names changed fields in snake case', () => {
    expect(snakeCase('acknowledgedAt')).toBe('acknowledged_at');
    expect(snakeCase('status')).toBe('status');
  });
});
