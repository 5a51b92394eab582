import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CLUSTER_OPTIONS,
  compareReports,
  explainIncidentMatch,
  findReportClusters,
  matchReportToIncident,
  type IncidentForMatching,
  type ReportForMatching,
} from './index.js';

const T0 = Date.parse('2026-03-02T09:00:00Z');
const MIN = 60_000;
const PAYMENTS = 1;
const LOGIN = 2;

const report = (
  id: number,
  text: string,
  minute = 0,
  componentId: number | null = null,
): ReportForMatching => ({
  id,
  text,
  componentId,
  receivedAt: T0 + minute * MIN,
});

const paymentsIncident: IncidentForMatching = {
  id: 7,
  text: 'Card payments failing at checkout',
  componentIds: [PAYMENTS],
  openedAt: T0,
  reportTexts: ['Payment failed with E4012 at checkout', 'my card gets declined every time, code E4012'],
};
const loginIncident: IncidentForMatching = {
  id: 8,
  text: 'Sign-in fails with ERR_SESSION_INVALID',
  componentIds: [LOGIN],
  openedAt: T0,
  reportTexts: ['I cannot log in, ERR_SESSION_INVALID', 'login loop back to the sign in page'],
};

describe('matchReportToIncident', () => {
  it('links a report to the incident of its problem and explains why', () => {
    const match = matchReportToIncident(
      report(1, 'Checkout says payment failed, error E4012', 12, PAYMENTS),
      [loginIncident, paymentsIncident],
    );
    expect(match?.incidentId).toBe(7);
    expect(match?.why.score).toBeGreaterThanOrEqual(DEFAULT_CLUSTER_OPTIONS.matchThreshold);
    expect(match?.why.score).toBeLessThanOrEqual(1);
    expect(match?.why.sharedTerms).toEqual(expect.arrayContaining(['E4012', 'checkout', 'payment']));
    expect(match?.why.sameComponent).toBe(true);
    expect(match?.why.minutesApart).toBe(12);
    // The same explanation is at hand for any incident, matched or not (for a responder's move).
    expect(
      explainIncidentMatch(
        report(1, 'Checkout says payment failed, error E4012', 12, PAYMENTS),
        paymentsIncident,
      ),
    ).toEqual(match?.why);
    expect(
      explainIncidentMatch(
        report(1, 'Checkout says payment failed, error E4012', 12, PAYMENTS),
        loginIncident,
      ).score,
    ).toBeLessThan(DEFAULT_CLUSTER_OPTIONS.matchThreshold);
  });

  it('tolerates typos and word forms', () => {
    expect(
      matchReportToIncident(report(1, 'paymnet keeps failling at chekout'), [loginIncident, paymentsIncident])
        ?.incidentId,
    ).toBe(7);
    expect(
      matchReportToIncident(report(2, 'Logging in fails, sesion invalid'), [paymentsIncident, loginIncident])
        ?.incidentId,
    ).toBe(8);
  });

  it('links reports in other languages through shared codes and support words', () => {
    for (const text of [
      'Zahlung schlägt fehl, Fehler E4012',
      'Le paiement échoue (E4012)',
      'El pago falla con E4012',
      'Anmeldung geht nicht: ERR_SESSION_INVALID',
    ]) {
      const match = matchReportToIncident(report(1, text, 5), [paymentsIncident, loginIncident]);
      expect(match?.incidentId, text).toBe(text.includes('SESSION') ? 8 : 7);
      expect(
        match?.why.sharedTerms.some((term) => term === 'E4012' || term === 'ERR_SESSION_INVALID'),
        text,
      ).toBe(true);
    }
  });

  it('refuses near misses that share only the topic, and reports with nothing in common', () => {
    const incidents = [paymentsIncident, loginIncident];
    expect(
      matchReportToIncident(
        report(1, 'Question about my invoice: how do I change the payment method?', 5),
        incidents,
      ),
    ).toBeNull();
    expect(
      matchReportToIncident(report(2, 'Can I pay by bank transfer instead of card?', 5), incidents),
    ).toBeNull();
    expect(matchReportToIncident(report(3, 'Love the new design, great work!', 5), incidents)).toBeNull();
    expect(matchReportToIncident(report(4, '', 5), incidents)).toBeNull();
    expect(matchReportToIncident(report(5, 'payment failed E4012', 5), [])).toBeNull();
  });

  it('counts the component and the time: same component up, another component and age down', () => {
    const text = 'card payment declined again';
    const score = (componentId: number | null, minute: number) =>
      matchReportToIncident(report(1, text, minute, componentId), [paymentsIncident], { matchThreshold: 0 })
        ?.why.score ?? 0;
    expect(score(PAYMENTS, 5)).toBeGreaterThan(score(null, 5));
    expect(score(null, 5)).toBeGreaterThan(score(LOGIN, 5));
    expect(score(null, 5)).toBeGreaterThan(score(null, 8 * 60));
    // Age takes at most a fifth off: a long incident still collects its reports.
    expect(score(null, 48 * 60)).toBeGreaterThan(score(null, 5) * 0.79);
  });
});

describe('findReportClusters', () => {
  const payments = [
    report(11, 'Payment failed at checkout, E4012', 0),
    report(12, 'my card payment keeps failing, error E4012', 3, PAYMENTS),
    report(13, 'Zahlung fehlgeschlagen (E4012)', 6),
  ];
  const unrelated = [
    report(20, 'How do I add a user to my account?', 2),
    report(21, 'The dashboard is slow today', 4),
  ];

  it('raises a cluster from three similar reports in the window, with a title and an explanation each', () => {
    const clusters = findReportClusters([...unrelated, ...payments]);
    expect(clusters).toHaveLength(1);
    const [cluster] = clusters;
    expect(cluster?.reportIds).toEqual([11, 12, 13]);
    expect(cluster?.title).toMatch(/E4012/);
    expect(cluster?.why).toHaveLength(3);
    expect(cluster?.why.every((why) => why.sharedTerms.includes('E4012') && why.score > 0)).toBe(true);
    expect(cluster?.why.map((why) => why.minutesApart)).toEqual([0, 3, 6]);
    expect(cluster?.why.map((why) => why.sameComponent)).toEqual([false, true, false]);
  });

  it('needs the minimum size within the window, and gives the same answer for any input order', () => {
    expect(findReportClusters(payments.slice(0, 2))).toEqual([]);
    expect(findReportClusters(payments, { minClusterSize: 4 })).toEqual([]);
    const spread = payments.map((r, i) => ({ ...r, receivedAt: T0 + i * 20 * MIN }));
    expect(findReportClusters(spread)).toEqual([]);
    expect(findReportClusters(spread, { windowMs: 60 * MIN })).toHaveLength(1);
    const all = [...unrelated, ...payments];
    expect(findReportClusters([...all].reverse())).toEqual(findReportClusters(all));
  });

  it('keeps two problems at the same time apart', () => {
    const login = [
      report(31, "can't log in, ERR_SESSION_INVALID", 1),
      report(32, 'Login loop: back to the sign in page after the password', 2, LOGIN),
      report(33, 'Anmeldung geht nicht, ERR_SESSION_INVALID', 4),
    ];
    const clusters = findReportClusters([...payments, ...login, ...unrelated]);
    expect(clusters.map((c) => c.reportIds).sort()).toEqual([
      [11, 12, 13],
      [31, 32, 33],
    ]);
  });

  it('compares two reports directly, explained', () => {
    const why = compareReports(payments[0] as ReportForMatching, payments[2] as ReportForMatching);
    expect(why.sharedTerms).toEqual(expect.arrayContaining(['E4012']));
    expect(why.minutesApart).toBe(6);
    expect(why.score).toBeGreaterThan(
      compareReports(payments[0] as ReportForMatching, unrelated[0] as ReportForMatching).score,
    );
  });
});
