import { describe, expect, it } from 'vitest';
import { linkReasonText, messageExcerpt, reporterText } from './report-format.js';

describe('report wording', () => {
  it('explains a match, a manual link and no link', () => {
    const match = { kind: 'match' as const, score: 0.8, sharedTerms: ['payment', '502'], minutesApart: 3.2 };
    expect(linkReasonText({ ...match, sameComponent: true })).toBe(
      'matched: shared terms payment, 502; same component; 3 min apart',
    );
    expect(linkReasonText({ ...match, sharedTerms: [], sameComponent: false, minutesApart: 0.2 })).toBe(
      'matched: under a minute apart',
    );
    expect(linkReasonText({ ...match, kind: 'cluster', sameComponent: false })).toBe(
      'grouped with similar reports: shared terms payment, 502; 3 min apart',
    );
    const user = { id: 1, name: '', email: 'ann@example.com' };
    expect(linkReasonText({ kind: 'manual', user })).toBe('linked by ann@example.com');
    expect(linkReasonText({ kind: 'manual', user: null })).toBe('linked by hand');
    expect(linkReasonText(null)).toBe('');
  });

  it('cuts a message to one line at a word, and keeps markup as text', () => {
    expect(messageExcerpt('  Checkout\n\n fails   with <b>502</b> ')).toBe('Checkout fails with <b>502</b>');
    const long = `${'word '.repeat(40)}end`;
    const excerpt = messageExcerpt(long, 50);
    expect(excerpt.endsWith('word…')).toBe(true);
    expect(excerpt.length).toBeLessThanOrEqual(51);
    expect(messageExcerpt('x'.repeat(80), 50)).toBe(`${'x'.repeat(50)}…`);
  });

  it('names the reporter by what is known', () => {
    expect(reporterText({ name: 'Ann Lee', email: 'ann@example.com' })).toBe('Ann Lee <ann@example.com>');
    expect(reporterText({ name: ' ', email: 'ann@example.com' })).toBe('ann@example.com');
    expect(reporterText({ name: null, email: null })).toBe('anonymous');
  });
});
