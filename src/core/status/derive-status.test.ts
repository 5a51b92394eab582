import { describe, expect, it } from 'vitest';
import { type ServiceHealth, deriveComponentStatus, worstStatus } from './derive-status.js';

const healthy: ServiceHealth = { isUnderMaintenance: false, checkCount: 2, failingCheckCount: 0 };

describe('deriveComponentStatus', () => {
  it('manual mode shows only the status set by hand, operational when none', () => {
    const failing: ServiceHealth = { ...healthy, failingCheckCount: 2 };
    expect(
      deriveComponentStatus({
        mode: 'manual',
        manualStatus: null,
        incidentStatuses: ['major_outage'],
        services: [failing],
      }),
    ).toBe('operational');
    expect(
      deriveComponentStatus({
        mode: 'manual',
        manualStatus: 'degraded_performance',
        incidentStatuses: [],
        services: [],
      }),
    ).toBe('degraded_performance');
  });

  it('derived mode takes the worst of the floor, incidents, maintenance and checks', () => {
    const derived = {
      mode: 'derived' as const,
      manualStatus: null,
      incidentStatuses: [],
      services: [healthy],
    };
    expect(deriveComponentStatus(derived)).toBe('operational');
    expect(deriveComponentStatus({ ...derived, manualStatus: 'degraded_performance' })).toBe(
      'degraded_performance',
    );
    expect(
      deriveComponentStatus({
        ...derived,
        manualStatus: 'degraded_performance',
        incidentStatuses: ['partial_outage', 'operational'],
      }),
    ).toBe('partial_outage');
    // Some checks of a service failing: partial; all of them: major.
    expect(
      deriveComponentStatus({ ...derived, services: [healthy, { ...healthy, failingCheckCount: 1 }] }),
    ).toBe('partial_outage');
    expect(
      deriveComponentStatus({ ...derived, services: [healthy, { ...healthy, failingCheckCount: 2 }] }),
    ).toBe('major_outage');
    // Maintenance covers its own failing checks, but an incident's outage still shows.
    const inMaintenance = { isUnderMaintenance: true, checkCount: 2, failingCheckCount: 2 };
    expect(deriveComponentStatus({ ...derived, services: [inMaintenance] })).toBe('under_maintenance');
    expect(
      deriveComponentStatus({
        ...derived,
        services: [inMaintenance],
        incidentStatuses: ['degraded_performance'],
      }),
    ).toBe('degraded_performance');
    // A service without checks with a verdict says nothing.
    expect(deriveComponentStatus({ ...derived, services: [{ ...healthy, checkCount: 0 }] })).toBe(
      'operational',
    );
  });

  it('ranks an outage above maintenance above operational', () => {
    expect(worstStatus([])).toBe('operational');
    expect(worstStatus(['under_maintenance', 'operational'])).toBe('under_maintenance');
    expect(worstStatus(['major_outage', 'under_maintenance', 'partial_outage'])).toBe('major_outage');
  });
});
