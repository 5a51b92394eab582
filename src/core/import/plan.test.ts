import { describe, expect, it } from 'vitest';
import type { ImportSetup } from '../schemas/import.js';
import { type ImportState, itemFingerprint, linkKey, planImport } from './plan.js';

const NOW = Date.parse('2026-03-01T12:00:00Z');

function setup(): ImportSetup {
  const integration = (id: string) => ({
    sourceId: id,
    name: 'Events',
    sourceType: 'events_api_v2_inbound_integration',
    beaconType: 'pagerduty' as const,
    oldKey: null,
    oldAddress: null,
  });
  return {
    source: 'pagerduty',
    users: [{ sourceId: 'U1', name: 'Ana', email: 'ana@acme.test', role: 'responder' }],
    teams: [],
    schedules: [],
    escalationPolicies: [
      {
        sourceId: 'E1',
        name: 'Main',
        description: '',
        repeatCount: 12,
        steps: [{ delayMinutes: 0, targets: [{ kind: 'user', sourceId: 'U1' }] }],
        unsupported: [],
      },
      {
        sourceId: 'E2',
        name: 'Gone',
        description: '',
        repeatCount: 0,
        steps: [{ delayMinutes: 5, targets: [{ kind: 'schedule', sourceId: 'S9' }] }],
        unsupported: [],
      },
    ],
    services: [
      {
        sourceId: 'V1',
        name: 'Web',
        description: '',
        policySourceId: 'E1',
        teamSourceId: null,
        integrations: [integration('I1')],
      },
      {
        sourceId: 'V2',
        name: 'web',
        description: '',
        policySourceId: 'E2',
        teamSourceId: null,
        integrations: [integration('I2')],
      },
    ],
    maintenanceWindows: [],
  };
}

function state(changes: Partial<ImportState> = {}): ImportState {
  const empty = new Map<string, number>();
  return {
    now: NOW,
    links: new Map(),
    usersByEmail: empty,
    teamsByName: empty,
    schedulesByName: empty,
    policiesByName: empty,
    servicesByName: empty,
    teamMembers: new Map(),
    ...changes,
  };
}

const line = (items: ReturnType<typeof planImport>, sourceId: string) => {
  const item = items.find((i) => i.sourceId === sourceId);
  return item && { action: item.action, reason: item.reason, notes: item.notes, beaconId: item.beaconId };
};

describe('the import plan', () => {
  it('creates what is new, skips what it cannot take and says why', () => {
    const items = planImport(setup(), state());
    expect(line(items, 'U1')).toEqual({ action: 'create', reason: null, notes: [], beaconId: null });
    expect(line(items, 'E1')).toMatchObject({
      action: 'create',
      notes: ['rule 1 waits 0 minutes; Beacon waits 1', 'repeats 12 times; Beacon repeats 9'],
    });
    expect(line(items, 'E2')).toMatchObject({
      action: 'skip',
      reason: 'rule 1 pages schedule S9, which is not imported',
    });
    expect(line(items, 'V2')).toMatchObject({
      action: 'skip',
      reason: 'V1 has the same name and is imported instead',
    });
    expect(line(items, 'I2')).toMatchObject({ action: 'skip', reason: 'its service is not imported' });
  });

  it('leaves linked items alone until they change, and takes over records of the same name', () => {
    const source = setup();
    const policy = source.escalationPolicies[0];
    if (!policy) throw new Error('no policy');
    const links = new Map([
      [
        linkKey('escalation_policy', 'E1'),
        { beaconId: 7, fingerprint: itemFingerprint('escalation_policy', policy) },
      ],
      [linkKey('service', 'V1'), { beaconId: 3, fingerprint: 'older' }],
      [linkKey('integration', 'I1'), { beaconId: 4, fingerprint: 'older' }],
    ]);
    const items = planImport(source, state({ links, usersByEmail: new Map([['ana@acme.test', 12]]) }));
    expect(line(items, 'U1')).toMatchObject({ action: 'update', beaconId: 12 });
    expect(line(items, 'E1')).toMatchObject({
      action: 'skip',
      reason: 'unchanged since the last import',
      beaconId: 7,
    });
    expect(line(items, 'V1')).toMatchObject({
      action: 'update',
      reason: 'changed since the last import',
      beaconId: 3,
    });
    expect(line(items, 'I1')).toMatchObject({ action: 'skip', reason: 'already imported', beaconId: 4 });
  });
});
