import { describe, expect, it } from 'vitest';
import type { ComponentGroup, StatusComponent } from '../core/schemas/status-page.js';
import {
  componentOption,
  findComponent,
  formatComponentStates,
  formatPublishedIncidents,
  isPublishedUnresolved,
} from './status-format.js';

const at = '2026-12-07T10:00:00.000Z';
const group = (id: number, name: string, position: number): ComponentGroup => ({
  id,
  name,
  description: null,
  position,
  createdAt: at,
  updatedAt: at,
});
const component = (id: number, name: string, groupId: number | null, position = 0): StatusComponent => ({
  id,
  name,
  description: null,
  groupId,
  position,
  serviceIds: [],
  statusMode: 'derived',
  manualStatus: null,
  status: 'operational',
  showUptime: true,
  createdAt: at,
  updatedAt: at,
});

describe('beacon status formatting', () => {
  it('collects --component NAME=STATUS and refuses anything else', () => {
    const first = componentOption('web=partial_outage');
    expect(componentOption('Card API = major_outage', first)).toEqual([
      { component: 'web', status: 'partial_outage' },
      { component: 'Card API', status: 'major_outage' },
    ]);
    expect(() => componentOption('web')).toThrow('must be COMPONENT=STATUS');
    expect(() => componentOption('=operational')).toThrow('must be COMPONENT=STATUS');
    expect(() => componentOption('web=down')).toThrow('status must be one of operational');
  });

  it('finds components by id or name and lists the known ones when it cannot', () => {
    const all = [component(1, 'Web', null), component(2, 'Checkout', null)];
    expect(findComponent(all, 'checkout').id).toBe(2);
    expect(findComponent(all, '1').name).toBe('Web');
    expect(() => findComponent(all, 'api')).toThrow('no component "api" (components: 1 "Web", 2 "Checkout")');
    expect(() => findComponent([], 'api')).toThrow('the status page has no components yet');
  });

  it('lists components in page order: by group position, ungrouped last', () => {
    const groups = [group(1, 'Payments', 1), group(2, 'Core', 0)];
    const table = formatComponentStates(
      [
        component(1, 'Loose', null),
        component(2, 'Checkout', 1),
        component(3, 'Web', 2, 1),
        component(4, 'API', 2, 0),
      ],
      groups,
    ).split('\n');
    expect(
      table.map((line) =>
        line
          .split(/\s{2,}/)
          .slice(0, 2)
          .join('/'),
      ),
    ).toEqual(['GROUP/COMPONENT', 'Core/API', 'Core/Web', 'Payments/Checkout', '-/Loose']);
  });

  it('shows published incidents whose public status is not resolved', () => {
    const update = (status: 'identified' | 'resolved') => ({
      id: 1,
      incidentRef: 'INC-3',
      status,
      message: 'm',
      components: [],
      author: null,
      postedAt: at,
      editedAt: null,
    });
    const open = {
      ref: 'INC-3',
      isPublished: true,
      publicTitle: 'Payments failing',
      impact: 'minor' as const,
    };
    expect(isPublishedUnresolved({ ...open, items: [update('identified')] })).toBe(true);
    expect(isPublishedUnresolved({ ...open, items: [update('resolved')] })).toBe(false);
    expect(isPublishedUnresolved({ ...open, isPublished: false, items: [] })).toBe(false);
    const lines = formatPublishedIncidents(
      [{ ...open, items: [update('identified')] }],
      Date.parse(at) + 300_000,
    );
    expect(lines.split('\n')[1]).toMatch(/^INC-3\s+Payments failing\s+identified\s+minor\s+5m ago$/);
    expect(formatPublishedIncidents([])).toBe('no published incident is unresolved');
  });
});
