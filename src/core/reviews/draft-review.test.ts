import { describe, expect, it } from 'vitest';
import { draftReview, draftSection } from './draft-review.js';
import { FOLLOW_UPS_MARKER, expandFollowUps } from './follow-ups-block.js';
import type { ReviewFacts } from './review-facts.js';
import { replaceSection } from './review-sections.js';
import { formatDuration } from './review-time.js';

const T0 = Date.parse('2026-07-14T12:00:00Z'); // 14:00 in Berlin (CEST)
const min = (n: number) => T0 + n * 60_000;

function facts(overrides: Partial<ReviewFacts> = {}): ReviewFacts {
  return {
    incident: {
      ref: 'INC-7',
      title: 'Checkout fails',
      summary: 'Payments time out for card customers.',
      severity: 'SEV1',
      priority: 'P1',
      category: 'outage',
      status: 'resolved',
      services: ['checkout', 'payments'],
      commander: 'Ada',
      startedAt: T0,
      detectedAt: min(4),
      acknowledgedAt: min(7),
      mitigatedAt: min(30),
      resolvedAt: min(72),
      closedAt: null,
    },
    timeZone: 'Europe/Berlin',
    timeline: [
      {
        at: min(4),
        kind: 'declared',
        actor: { type: 'system', name: 'Alerting' },
        body: null,
        changes: null,
      },
      {
        at: min(4),
        kind: 'alert_attached',
        actor: { type: 'system', name: 'Alerting' },
        body: 'Opened by alert [critical] PaymentsTimeout',
        changes: null,
      },
      {
        at: min(5),
        kind: 'notified',
        actor: { type: 'system', name: 'Beacon' },
        body: 'Emailed Ada',
        changes: null,
      },
      {
        at: min(6),
        kind: 'task_added',
        actor: { type: 'user', name: 'Ada' },
        body: 'Open a bridge',
        changes: null,
      },
      { at: min(7), kind: 'acknowledged', actor: { type: 'user', name: 'Ada' }, body: null, changes: null },
      {
        at: min(20),
        kind: 'note',
        actor: { type: 'user', name: 'Bob' },
        body: 'Pool exhausted on db-2\nmore detail',
        changes: null,
      },
      {
        at: min(30),
        kind: 'status_changed',
        actor: { type: 'user', name: 'Ada' },
        body: 'Rolled back',
        changes: { status: { before: 'identified', after: 'monitoring' } },
      },
      { at: min(72), kind: 'resolved', actor: { type: 'user', name: 'Ada' }, body: null, changes: null },
    ],
    alerts: [
      {
        summary: 'PaymentsTimeout',
        service: 'payments',
        severity: 'critical',
        firstAt: min(3),
        lastAt: min(41),
        resolvedAt: min(41),
        events: 9,
      },
    ],
    pages: [{ user: 'Ada', at: min(5), channel: 'email', delivery: 'sent' }],
    updates: [
      { kind: 'status', at: min(10), author: 'Ada', message: 'Looking at payments', status: 'investigating' },
      { kind: 'public', at: min(12), author: 'Cy', message: 'Card payments fail', status: 'investigating' },
    ],
    reports: { count: 3, firstAt: min(9) },
    resolution: {
      summary: 'Rolled back the connection pool change.',
      rootCause: 'A config change halved the database pool.',
      rootCauseCategory: 'change',
      contributingFactors: ['No alert on pool saturation'],
      fix: 'Pool size restored',
      workaround: null,
      customerImpact: null,
    },
    followUps: [],
    ...overrides,
  };
}

describe('drafting a review', () => {
  it('writes every section, in order, with times in the workspace time zone', () => {
    const text = draftReview(facts());
    const headings = text.split('\n').filter((l) => l.startsWith('## '));
    expect(headings).toEqual([
      '## Summary',
      '## Customer impact',
      '## Timeline',
      '## Root cause and contributing factors',
      '## Detection',
      '## Response',
      '## What went well',
      '## What went badly',
      '## Where we were lucky',
      '## Follow-up actions',
    ]);
    expect(text).toContain('# INC-7: Checkout fails — post-incident review');
    expect(text).toContain('All times Europe/Berlin (CEST).');
    expect(text).toContain('- **2026-07-14 14:00** Impact began');
    expect(text).toContain('- **14:04** Detected');
    expect(text).toContain('- **14:07** Acknowledged by Ada');
    expect(text).toContain('- **14:05** First page: Emailed Ada');
    expect(text).toContain('Note by Bob: Pool exhausted on db-2');
    expect(text).toContain('Status: monitoring (Ada) — Rolled back');
    expect(text).not.toContain('Open a bridge'); // task bookkeeping is not a key event
    expect(text).toContain('lasted 1 h 12 min until it was resolved at 2026-07-14 15:12 CEST');
  });

  it('states the durations, alerts, pages, acknowledgements and updates', () => {
    const f = facts();
    const response = draftSection(f, 'response');
    expect(response).toContain('| Time to detect (from impact) | 4 min | 2026-07-14 14:04 CEST |');
    expect(response).toContain('| Time to acknowledge (from detection) | 3 min | 2026-07-14 14:07 CEST |');
    expect(response).toContain('| Time to mitigate (from impact) | 30 min |');
    expect(response).toContain('| Time to resolve (from impact) | 1 h 12 min |');
    expect(response).toContain('Acknowledged by Ada at 2026-07-14 14:07 CEST.');
    expect(response).toContain('- Ada at 2026-07-14 14:05 CEST by email (sent)');
    expect(response).toContain('1 status update, 0 stakeholder updates, 1 public update');
    expect(response).toContain('first public update went out 8 min after detection');
    const detection = draftSection(f, 'detection');
    expect(detection).toContain('by the alert “PaymentsTimeout” on payments');
    expect(detection).toContain(
      '| PaymentsTimeout | payments | critical | 2026-07-14 14:03 CEST | 2026-07-14 14:41 CEST | 9 |',
    );
    expect(draftSection(f, 'impact')).toContain('- 3 customer reports linked');
    expect(draftSection(f, 'root_cause')).toContain('- No alert on pool saturation');
  });

  it('suggests what went well and badly from the facts', () => {
    const fast = draftSection(facts(), 'went_well');
    expect(fast).toContain('Acknowledged 3 min after detection.');
    expect(fast).toContain('Monitoring noticed the problem before any customer reported it.');
    const slow = facts({
      alerts: [],
      incident: { ...facts().incident, acknowledgedAt: min(40), detectedAt: min(4) },
      reports: { count: 2, firstAt: min(2) },
      updates: [],
    });
    const badly = draftSection(slow, 'went_badly');
    expect(badly).toContain('Acknowledgement took 36 min.');
    expect(badly).toContain('Customers told us before our monitoring did.');
    expect(badly).toContain('No public update was posted on the status page.');
  });

  it('lists alerts past the first three as a count, and escapes Markdown in user text', () => {
    const alerts = Array.from({ length: 6 }, (_, i) => ({
      at: min(4 + i),
      kind: 'alert_attached',
      actor: { type: 'system' as const, name: 'Alerting' },
      body: `Alert joined: *disk* ${String(i)}`,
      changes: null,
    }));
    const text = draftSection(facts({ timeline: alerts }), 'timeline');
    expect(text.match(/Alert joined/g)).toHaveLength(3);
    expect(text).toContain('…and 3 more alerts joined');
    expect(text).toContain('\\*disk\\*');
  });

  it('leaves a marker for the follow-ups that every view fills in as they are now', () => {
    const text = draftReview(facts());
    expect(draftSection(facts(), 'follow_ups')).toBe(`## Follow-up actions\n\n${FOLLOW_UPS_MARKER}`);
    const open = expandFollowUps(
      text,
      [
        {
          ref: 'FU-1',
          title: 'Alert on pool',
          owner: 'Bob',
          dueAt: min(60 * 24 * 7),
          state: 'open',
          isDone: false,
        },
      ],
      'Europe/Berlin',
    );
    expect(open).toContain('- [ ] **FU-1** Alert on pool (open, owner Bob, due 2026-07-21)');
    expect(open).not.toContain(FOLLOW_UPS_MARKER);
    const done = expandFollowUps(
      text,
      [{ ref: 'FU-1', title: 'Alert on pool', owner: null, dueAt: null, state: 'done', isDone: true }],
      'Europe/Berlin',
    );
    expect(done).toContain('- [x] **FU-1** Alert on pool (done, no owner)');
  });

  it('replaces one section and keeps the others as edited', () => {
    const edited = draftReview(facts()).replace('_Add what could have made this worse', 'Only one region');
    const fresh = draftSection(facts({ reports: { count: 5, firstAt: min(9) } }), 'impact');
    const replaced = replaceSection(edited, 'impact', fresh);
    expect(replaced).toContain('- 5 customer reports linked');
    expect(replaced).not.toContain('- 3 customer reports linked');
    expect(replaced).toContain('Only one region');
    expect(replaced.indexOf('## Customer impact')).toBeLessThan(replaced.indexOf('## Timeline'));
  });

  it('says durations as people do', () => {
    expect(formatDuration(45_000)).toBe('45 s');
    expect(formatDuration(12 * 60_000)).toBe('12 min');
    expect(formatDuration(72 * 60_000)).toBe('1 h 12 min');
    expect(formatDuration(50 * 3_600_000)).toBe('2 d 2 h');
  });
});
