import type { AlertEvent } from '../../../src/core/alerts/alert-event.js';

/** A normalised alert event for tests: `Alert <key>`, warning, no labels; `extra` overrides any field. */
export function alertEvent(
  dedupKey: string,
  action: AlertEvent['action'] = 'trigger',
  extra: Partial<AlertEvent> = {},
): AlertEvent {
  return {
    action,
    dedupKey,
    summary: `Alert ${dedupKey}`,
    severity: 'warning',
    source: 'test',
    labels: {},
    details: {},
    links: [],
    startsAt: null,
    endsAt: null,
    generatorUrl: null,
    payload: {},
    ...extra,
  };
}
