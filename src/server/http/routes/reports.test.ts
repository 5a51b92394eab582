import { expect, it } from 'vitest';
import type { Incident } from '../../../core/schemas/incident.js';
import type { AffectedCustomerList, Report, ReportPage } from '../../../core/schemas/reports.js';
import { type ApiHarness, useApiHarness } from '../../../../test/support/server/api-harness.js';
import { describeEachDialect } from '../../../../test/support/server/test-database.js';
import {
  declare,
  expectProblem,
  ok,
  readIncident,
  readTimeline,
} from '../../../../test/support/server/http/api-test-helpers.js';

const MINUTE = 60_000;

async function submit(api: ApiHarness, message: string, email = 'ana@example.com'): Promise<Report> {
  const report = ok<Report>(
    await api.call('POST', '/api/v1/reports', {
      as: 'support',
      body: { name: 'Ana', email, message, metadata: { orderId: 'A-1' } },
    }),
    201,
  );
  api.clock.advance(MINUTE);
  return report;
}

const reportsOf = async (api: ApiHarness, ref: string) =>
  ok<AffectedCustomerList>(await api.call('GET', `/api/v1/incidents/${ref}/reports`, { as: 'support' }));

describeEachDialect('customer reports API', (dialect) => {
  const api = useApiHarness(dialect);

  it('takes reports from support and above, refuses viewers and bad input, and lists them', async () => {
    const body = { name: 'Ana', email: 'Ana@Example.com', message: 'The invoice PDF is blank' };
    expectProblem(await api().call('POST', '/api/v1/reports', { as: 'viewer', body }), 403);
    expectProblem(await api().call('GET', '/api/v1/reports', { as: 'viewer' }), 403);
    expectProblem(
      await api().call('POST', '/api/v1/reports', { as: 'support', body: { ...body, email: 'no' } }),
      400,
      'email',
    );
    const tooMany = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${String(i)}`, 'v']));
    expectProblem(
      await api().call('POST', '/api/v1/reports', { as: 'support', body: { ...body, metadata: tooMany } }),
      400,
      'metadata',
    );
    expectProblem(
      await api().call('POST', '/api/v1/reports', {
        as: 'support',
        body: { ...body, message: 'x'.repeat(5001) },
      }),
      400,
      'message',
    );
    expect(ok<ReportPage>(await api().call('GET', '/api/v1/reports', { as: 'support' })).items).toEqual([]);

    const report = ok<Report>(await api().call('POST', '/api/v1/reports', { as: 'support', body }), 201);
    expect(report).toMatchObject({
      ref: 'R-1001',
      email: 'ana@example.com',
      source: 'api',
      incident: null,
      acknowledgement: 'queued',
      metadata: {},
    });
    const second = await submit(api(), 'The mobile app crashes when I open settings', 'ben@example.com');
    expect(second.ref).toBe('R-1002');
    expect(ok<Report>(await api().call('GET', '/api/v1/reports/r-1001', { as: 'support' })).message).toBe(
      'The invoice PDF is blank',
    );
    expectProblem(await api().call('GET', '/api/v1/reports/R-9999', { as: 'support' }), 404);
    const page = ok<ReportPage>(
      await api().call('GET', '/api/v1/reports?q=crashes&source=api', { as: 'support' }),
    );
    expect(page.items.map((r) => r.ref)).toEqual(['R-1002']);
    const first = ok<ReportPage>(await api().call('GET', '/api/v1/reports?limit=1', { as: 'support' }));
    expect(first.items.map((r) => r.ref)).toEqual(['R-1002']);
    const next = ok<ReportPage>(
      await api().call('GET', `/api/v1/reports?limit=1&cursor=${first.nextCursor ?? ''}`, { as: 'support' }),
    );
    expect(next.items.map((r) => r.ref)).toEqual(['R-1001']);
  });

  it('opens one triage incident from three similar reports, keeps a near miss out, links later ones', async () => {
    await submit(api(), 'Checkout fails: payment page shows error 502 when I click Pay', 'a@example.com');
    await submit(api(), 'How do I change the email address on my account profile?', 'n@example.com');
    const second = await submit(
      api(),
      'I cannot pay, the checkout gives a 502 error on the payment step',
      'b@example.com',
    );
    expect(second.incident).toBeNull();
    const third = await submit(api(), 'Payment at checkout keeps failing with error 502', 'c@example.com');
    expect(third.incident).toMatchObject({ ref: 'INC-1', status: 'triage' });
    expect(third.linkReason).toMatchObject({ kind: 'cluster', sameComponent: false });
    expect(third.linkReason?.kind === 'cluster' && third.linkReason.sharedTerms).toContain('502');

    const incident = await readIncident(api(), 'INC-1');
    expect(incident.status).toBe('triage');
    expect(incident.summary).toContain('R-1001');
    expect(incident.summary).toContain('R-1004');
    expect(incident.summary).not.toContain('R-1002');
    const linked = await reportsOf(api(), 'INC-1');
    expect(linked.items.map((r) => r.reportRef)).toEqual(['R-1001', 'R-1003', 'R-1004']);
    expect(linked.items.every((r) => r.linkReason?.kind === 'cluster' && r.linkReason.score > 0)).toBe(true);
    expect(linked.customerCount).toBe(3);

    const later = await submit(api(), 'payment error 502 on checkout again', 'd@example.com');
    expect(later.incident?.ref).toBe('INC-1');
    expect(later.linkReason?.kind).toBe('match');
    const unrelated = await submit(api(), 'Where can I download my invoices as PDF?', 'e@example.com');
    expect(unrelated.incident).toBeNull();

    const timeline = await readTimeline(api(), 'INC-1');
    const lines = timeline.filter((e) => e.kind === 'report_linked').map((e) => e.body);
    expect(lines).toHaveLength(4);
    expect(lines.join('\n')).toMatch(/Customer report R-1005 linked: shared terms .*502/);
    // Triage pages nobody; accepting it through the status change does.
    expect(timeline.some((e) => e.kind === 'escalated' || e.kind === 'notified')).toBe(false);
    const accepted = ok<Incident>(
      await api().call('POST', '/api/v1/incidents/INC-1/status', {
        as: 'responder',
        body: { status: 'triggered' },
      }),
    );
    expect(accepted.status).toBe('triggered');
    const unlinked = ok<ReportPage>(
      await api().call('GET', '/api/v1/reports?unlinked=true', { as: 'support' }),
    );
    expect(unlinked.items.map((r) => r.ref)).toEqual(['R-1006', 'R-1002']);
  });

  it('links, moves and unlinks by hand, and opens an incident from a selection', async () => {
    await declare(api(), { title: 'Login page down' });
    await declare(api(), { title: 'Image uploads fail' });
    const report = await submit(api(), 'Nothing happens when I press the big green button');
    const link = (ref: string, incidentRef: string, as: 'responder' | 'support' = 'responder') =>
      api().call('POST', `/api/v1/reports/${ref}/link`, { as, body: { incidentRef } });
    expectProblem(await link(report.ref, 'INC-1', 'support'), 403);
    expectProblem(await link(report.ref, 'INC-99'), 404);
    expectProblem(await link(report.ref, 'bogus'), 400, 'incidentRef');
    const linked = ok<Report>(await link(report.ref, 'INC-1'));
    expect(linked.incident?.ref).toBe('INC-1');
    expect(linked.linkReason).toEqual({
      kind: 'manual',
      user: { id: api().users.responder.userId, name: 'Responder', email: 'responder@example.com' },
    });
    expectProblem(await link(report.ref, 'INC-1'), 409);
    const moved = ok<Report>(await link(report.ref, 'INC-2'));
    expect(moved.incident?.ref).toBe('INC-2');
    expect((await readTimeline(api(), 'INC-1')).map((e) => e.body)).toContain(
      `Customer report ${report.ref} moved to INC-2 by Responder`,
    );
    expect((await readTimeline(api(), 'INC-2')).map((e) => e.body)).toContain(
      `Customer report ${report.ref} moved here from INC-1 by Responder`,
    );
    const unlinked = ok<Report>(
      await api().call('POST', `/api/v1/reports/${report.ref}/unlink`, { as: 'responder' }),
    );
    expect(unlinked).toMatchObject({ incident: null, linkReason: null });
    expectProblem(await api().call('POST', `/api/v1/reports/${report.ref}/unlink`, { as: 'responder' }), 409);
    expect((await reportsOf(api(), 'INC-2')).count).toBe(0);

    const other = await submit(api(), 'The export button does nothing', 'zed@example.com');
    const create = (reportRefs: string[]) =>
      api().call('POST', '/api/v1/reports/incident', {
        as: 'responder',
        body: { reportRefs, title: 'Buttons dead' },
      });
    expectProblem(await create([report.ref, 'R-4242']), 400, 'reportRefs');
    const created = ok<Incident>(await create([report.ref, other.ref]), 201);
    expect(created).toMatchObject({ ref: 'INC-3', status: 'triage', title: 'Buttons dead' });
    expect(created.summary).toContain(`${report.ref}, ${other.ref}`);
    expect((await reportsOf(api(), 'INC-3')).items.map((r) => r.reportRef)).toEqual([report.ref, other.ref]);
  });
});
