import nodemailer from 'nodemailer';
import { afterEach, expect, it } from 'vitest';
import type { Report, ReportPage } from '../../../core/schemas/reports.js';
import { IngestQueue } from '../ingest-queue.js';
import { type SmtpListener, startSmtpListener } from '../email/smtp-listener.js';
import { useApiHarness } from '../../../../test/support/server/api-harness.js';
import { describeEachDialect } from '../../../../test/support/server/test-database.js';
import { ok } from '../../../../test/support/server/http/api-test-helpers.js';
import {
  type SmtpSink,
  pagingEngine,
  startSmtpSink,
} from '../../../../test/support/server/engine/escalation/paging-test-helpers.js';

describeEachDialect('customer reports by mail, and the mail answering them', (dialect) => {
  const api = useApiHarness(dialect);
  let listener: SmtpListener | undefined;
  let sink: SmtpSink | undefined;
  afterEach(async () => {
    await listener?.close();
    await sink?.close();
    listener = undefined;
    sink = undefined;
  });

  it('turns mail to the support address into a report and acknowledges it through a real SMTP server', async () => {
    const silent = { info: () => undefined, error: () => undefined };
    listener = await startSmtpListener(
      { host: '127.0.0.1', port: 0 },
      api().db.ctx,
      new IngestQueue(api().db.ctx),
      silent,
      { supportAddress: 'support@shop.example.com' },
    );
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: listener.port,
      secure: false,
      ignoreTLS: true,
    });
    const info = await transport.sendMail({
      from: '"Carla Díaz" <carla@example.org>',
      to: 'Support+web@Shop.example.com',
      subject: 'Cannot log in',
      text: 'The login page says <b>error 500</b> since this morning.',
    });
    expect(info.accepted).toHaveLength(1);
    const [report] = ok<ReportPage>(
      await api().call('GET', '/api/v1/reports?source=email', { as: 'support' }),
    ).items;
    expect(report).toMatchObject({
      ref: 'R-1001',
      name: 'Carla Díaz',
      email: 'carla@example.org',
      source: 'email',
      message: 'Cannot log in\n\nThe login page says <b>error 500</b> since this morning.',
      acknowledgement: 'queued',
    });
    // Another mailbox of the same domain is not the support address (and no integration key).
    await expect(
      transport.sendMail({ from: 'x@example.org', to: 'sales@shop.example.com', subject: 'x', text: 'y' }),
    ).rejects.toMatchObject({ responseCode: 550 });

    sink = await startSmtpSink();
    const engine = pagingEngine(api().db.ctx, sink.url);
    await engine.deliver();
    await engine.close();
    expect(sink.messages).toHaveLength(1);
    const [mail] = sink.messages;
    expect(mail?.to && !Array.isArray(mail.to) ? mail.to.text : '').toBe('carla@example.org');
    expect(mail?.subject).toBe('We received your report R-1001');
    expect(mail?.text).toContain('We will write to you again when the problem is fixed.');
    expect(mail?.html || '').toContain('&lt;b&gt;error 500&lt;/b&gt;');
    expect(mail?.html || '').not.toContain('<b>error 500');
    const sent = ok<Report>(await api().call('GET', '/api/v1/reports/R-1001', { as: 'support' }));
    expect(sent.acknowledgement).toBe('sent');
  });
});
