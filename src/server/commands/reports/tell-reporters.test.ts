import { expect, it } from 'vitest';
import type { AffectedCustomerList, Report } from '../../../core/schemas/reports.js';
import { type ApiHarness, useApiHarness } from '../../../../test/support/server/api-harness.js';
import { outboxRows } from '../../../../test/support/server/engine/escalation/paging-test-helpers.js';
import { ok } from '../../../../test/support/server/http/api-test-helpers.js';
import { describeEachDialect } from '../../../../test/support/server/test-database.js';

const MINUTE = 60_000;

async function submit(api: ApiHarness, message: string, email: string): Promise<Report> {
  const report = ok<Report>(
    await api.call('POST', '/api/v1/reports', { as: 'support', body: { name: 'Ana', email, message } }),
    201,
  );
  api.clock.advance(MINUTE);
  return report;
}

describeEachDialect(
  'closing the loop: reporters hear about the incident their report is linked to',
  (dialect) => {
    const api = useApiHarness(dialect);

    /** The mails queued for reporters, by kind, as `address kind`. */
    const reporterMails = async () =>
      (await outboxRows(api().db.ctx))
        .filter((row) => row.kind.startsWith('report_') && row.kind !== 'report_acknowledgement')
        .map((row) => `${row.address} ${row.kind}`);
    const publish = async (status: string, message: string) =>
      ok(
        await api().call('POST', '/api/v1/incidents/INC-1/public-updates', {
          as: 'responder',
          body: { status, message },
        }),
        201,
      );

    it('tells each reporter every public update or only the fix, as configured, and the fix exactly once', async () => {
      await submit(api(), 'Checkout fails: payment page shows error 502 when I click Pay', 'a@example.com');
      await submit(
        api(),
        'I cannot pay, the checkout gives a 502 error on the payment step',
        'b@example.com',
      );
      const third = await submit(api(), 'Payment at checkout keeps failing with error 502', 'c@example.com');
      expect(third.incident).toMatchObject({ ref: 'INC-1' });
      await submit(api(), 'Where can I download my invoices as PDF?', 'e@example.com');
      ok(
        await api().call('PATCH', '/api/v1/incidents/INC-1', {
          as: 'responder',
          body: { title: 'INTERNAL-db-failover-on-pay-42' },
        }),
      );

      ok(await api().call('PATCH', '/api/v1/status-page', { body: { reporterNotify: 'resolution' } }));
      await publish('investigating', 'We are looking into failed card payments.');
      expect(await reporterMails()).toEqual([]);

      ok(await api().call('PATCH', '/api/v1/status-page', { body: { reporterNotify: 'every_update' } }));
      await publish('identified', 'Card payments fail for some customers; a fix is being deployed.');
      const updates = ['a@example.com', 'b@example.com', 'c@example.com'].map((to) => `${to} report_update`);
      expect(await reporterMails()).toEqual(updates);
      const [mail] = (await outboxRows(api().db.ctx)).filter((row) => row.kind === 'report_update');
      expect(mail?.payload).toContain('a fix is being deployed');
      expect(mail?.payload).not.toContain('INTERNAL-db-failover');

      ok(
        await api().call('POST', '/api/v1/incidents/INC-1/resolve', {
          as: 'responder',
          body: { resolutionSummary: 'INTERNAL rolled back the payment service' },
        }),
      );
      const fixed = ['a@example.com', 'b@example.com', 'c@example.com'].map((to) => `${to} report_resolved`);
      expect(await reporterMails()).toEqual([...updates, ...fixed]);
      await publish('resolved', 'Card payments work again.');
      expect(await reporterMails()).toEqual([...updates, ...fixed]);
      const customers = ok<AffectedCustomerList>(
        await api().call('GET', '/api/v1/incidents/INC-1/reports', { as: 'support' }),
      );
      expect(JSON.stringify(customers)).not.toContain('INTERNAL');
      expect(customers.items.map((item) => item.told)).toEqual([true, true, true]);
    });
  },
);
