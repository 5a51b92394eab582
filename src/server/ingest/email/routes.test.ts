import nodemailer from 'nodemailer';
import { afterEach, expect, it } from 'vitest';
import { IngestQueue } from '../ingest-queue.js';
import { type SmtpListener, startSmtpListener } from './smtp-listener.js';
import { useApiHarness } from '../../../../test/support/server/api-harness.js';
import { describeEachDialect } from '../../../../test/support/server/test-database.js';
import {
  integrationFor,
  json,
  listAlerts,
  listIncidents,
} from '../../../../test/support/server/ingest/inbound-test-helpers.js';

// An alert mail as a monitoring tool sends it (RFC 5322, CRLF line ends).
const mail = (subject: string, body = 'Disk /var is 97% full on db-1.\r\nFree: 1.2 GB\r\n') =>
  [
    'From: Nagios <nagios@monitoring.example.com>',
    'To: oncall@example.com',
    `Subject: ${subject}`,
    'Date: Sun, 01 Mar 2026 11:59:00 +0000',
    'Message-ID: <abc123@monitoring.example.com>',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    body,
  ].join('\r\n');

describeEachDialect('email inbound', (dialect) => {
  const api = useApiHarness(dialect);
  let listener: SmtpListener | undefined;
  afterEach(async () => {
    await listener?.close();
    listener = undefined;
  });

  const post = (key: string, raw: string, type = 'message/rfc822') =>
    api().app.inject({
      method: 'POST',
      url: `/integrations/email/${key}`,
      payload: raw,
      headers: { 'content-type': type },
    });

  it('turns a raw message into an alert: subject, body, sender; one incident', async () => {
    const { key } = await integrationFor(api(), 'email');
    const reply = json<{ status: string; dedupKey: string; result: string }>(
      await post(key, mail('PROBLEM: CRITICAL disk space on db-1')),
      202,
    );
    expect(reply).toMatchObject({ status: 'accepted', result: 'created' });
    const [alert] = await listAlerts(api());
    expect(alert).toMatchObject({
      summary: 'CRITICAL disk space on db-1',
      severity: 'critical',
      source: 'nagios@monitoring.example.com',
      details: {
        body: 'Disk /var is 97% full on db-1.\nFree: 1.2 GB',
        from: 'nagios@monitoring.example.com',
      },
    });
    expect(await listIncidents(api())).toHaveLength(1);
  });

  it('dedupes re-sent and replied mails on the subject; a RESOLVED subject resolves', async () => {
    const { key } = await integrationFor(api(), 'email');
    await post(key, mail('[FIRING:1] Disk almost full on db-1'));
    const before = await listAlerts(api());
    json(await post(key, mail('Re: Fwd: [FIRING:1] Disk almost full on db-1'), 'text/plain'), 202);
    expect((await listAlerts(api())).map((a) => [a.id, a.eventCount])).toEqual(
      before.map((a) => [a.id, a.eventCount]),
    );
    const resolved = json<{ result: string }>(
      await post(key, mail('[RESOLVED] Disk almost full on db-1')),
      202,
    );
    expect(resolved.result).toBe('resolved');
    expect((await listAlerts(api())).map((a) => a.status)).toEqual(['resolved']);
    expect((await listIncidents(api()))[0]?.status).toBe('resolved');
  });

  it('refuses MIME bombs with 413: too many parts, nesting, a huge header section; stores nothing', async () => {
    const { key } = await integrationFor(api(), 'email');
    const parts = Array.from({ length: 5_000 }, () => '--b\r\nContent-Type: text/plain\r\n\r\nhi').join(
      '\r\n',
    );
    const nested = Array.from(
      { length: 5_000 },
      (_, i) => `--b${i}\r\nContent-Type: multipart/mixed; boundary="b${i + 1}"\r\n`,
    ).join('\r\n');
    const bombs = [
      mail('Disk full', '').replace('text/plain; charset=utf-8', 'multipart/mixed; boundary="b"') + parts,
      mail('Disk full', '').replace('text/plain; charset=utf-8', 'multipart/mixed; boundary="b0"') + nested,
      mail('Disk full').replace('MIME-Version', `X-Padding: ${'x'.repeat(100 * 1024)}\r\nMIME-Version`),
    ];
    for (const bomb of bombs) {
      const body = json<{ status: string; message: string }>(await post(key, bomb), 413);
      expect(body).toMatchObject({
        status: 'error',
        message: expect.stringMatching(/MIME|header/) as string,
      });
    }
    expect(await listAlerts(api())).toEqual([]);
  });

  it('accepts mail over SMTP for <key>@anything and refuses unknown keys at RCPT TO', async () => {
    const { key } = await integrationFor(api(), 'email');
    const silent = { info: () => undefined, error: () => undefined };
    listener = await startSmtpListener(
      { host: '127.0.0.1', port: 0 },
      api().db.ctx,
      new IngestQueue(api().db.ctx),
      silent,
    );
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: listener.port,
      secure: false,
      ignoreTLS: true,
    });
    const info = await transport.sendMail({
      from: 'alerts@monitoring.example.com',
      to: `${key}@beacon.example.com`,
      subject: 'CRITICAL: checkout latency above 2s',
      text: 'p99 latency 2.4s for 10 minutes',
    });
    expect(info.accepted).toEqual([`${key}@beacon.example.com`]);
    const [alert] = await listAlerts(api());
    expect(alert).toMatchObject({
      summary: 'CRITICAL: checkout latency above 2s',
      severity: 'critical',
      source: 'alerts@monitoring.example.com',
    });
    expect(alert?.details.body).toBe('p99 latency 2.4s for 10 minutes');
    await transport.sendMail({
      from: 'alerts@monitoring.example.com',
      to: `${key}@x`,
      subject: 'RESOLVED: CRITICAL: checkout latency above 2s',
      text: 'ok',
    });
    expect((await listAlerts(api())).map((a) => a.status)).toEqual(['resolved']);
    await expect(
      transport.sendMail({
        from: 'a@b.c',
        to: '0123456789abcdef0123456789abcdef@beacon.example.com',
        subject: 'x',
        text: 'y',
      }),
    ).rejects.toMatchObject({ responseCode: 550 });
    await expect(
      transport.sendMail({
        from: 'a@b.c',
        to: `${key}@beacon.example.com`,
        subject: 'big',
        text: 'x'.repeat(600 * 1024),
      }),
    ).rejects.toMatchObject({ responseCode: 552 });
    await expect(
      transport.sendMail({
        from: 'a@b.c',
        to: `${key}@beacon.example.com`,
        subject: 'many parts',
        text: 'x',
        attachments: Array.from({ length: 200 }, (_, i) => ({ filename: `${i}.txt`, content: 'x' })),
      }),
    ).rejects.toMatchObject({ responseCode: 552 });
    expect(await listAlerts(api())).toHaveLength(1);
    transport.close();
  });
});
