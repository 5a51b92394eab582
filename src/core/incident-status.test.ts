import { describe, expect, it } from 'vitest';
import {
  INCIDENT_STATUSES,
  canTransition,
  isAcknowledgedStatus,
  isOpenStatus,
  isReopen,
  nextStatuses,
} from './incident-status.js';

describe('incident lifecycle', () => {
  it('moves forward through the response', () => {
    expect(canTransition('triage', 'investigating')).toBe(true);
    expect(canTransition('triage', 'declined')).toBe(true);
    expect(canTransition('triggered', 'investigating')).toBe(true);
    expect(canTransition('investigating', 'identified')).toBe(true);
    expect(canTransition('identified', 'monitoring')).toBe(true);
    expect(canTransition('monitoring', 'resolved')).toBe(true);
    expect(canTransition('resolved', 'closed')).toBe(true);
  });

  it('refuses moves that skip the rules', () => {
    expect(canTransition('investigating', 'triggered')).toBe(false);
    expect(canTransition('investigating', 'closed')).toBe(false);
    expect(canTransition('triggered', 'declined')).toBe(false);
    expect(canTransition('triage', 'closed')).toBe(false);
    expect(canTransition('resolved', 'monitoring')).toBe(false);
  });

  it('has no way out of declined or merged, and nothing reaches merged by a status change', () => {
    expect(nextStatuses('declined')).toEqual([]);
    expect(nextStatuses('merged')).toEqual([]);
    for (const status of INCIDENT_STATUSES) expect(canTransition(status, 'merged')).toBe(false);
  });

  it('never allows a status to move to itself', () => {
    for (const status of INCIDENT_STATUSES) expect(canTransition(status, status)).toBe(false);
  });

  it('treats going back from resolved or closed as a reopen', () => {
    expect(isReopen('resolved', 'investigating')).toBe(true);
    expect(isReopen('closed', 'investigating')).toBe(true);
    expect(isReopen('monitoring', 'investigating')).toBe(false);
    expect(canTransition('closed', 'investigating')).toBe(true);
  });

  it('knows which statuses are open and acknowledged', () => {
    expect(isOpenStatus('triggered')).toBe(true);
    expect(isOpenStatus('resolved')).toBe(false);
    expect(isOpenStatus('merged')).toBe(false);
    expect(isAcknowledgedStatus('triggered')).toBe(false);
    expect(isAcknowledgedStatus('identified')).toBe(true);
  });
});
