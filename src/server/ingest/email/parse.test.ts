import { describe, expect, it } from 'vitest';
import { emailToEvent, readSubject, subjectKey } from './parse.js';

describe('readSubject', () => {
  it('strips reply, forward and firing markers and reads resolved ones', () => {
    expect(readSubject('[FIRING:2] HighLatency api')).toEqual({
      title: 'HighLatency api',
      isResolved: false,
    });
    expect(readSubject('[RESOLVED] HighLatency api')).toEqual({ title: 'HighLatency api', isResolved: true });
    expect(readSubject('Re: Fwd: RE: [RESOLVED] HighLatency api')).toEqual({
      title: 'HighLatency api',
      isResolved: true,
    });
    expect(readSubject('RESOLVED: Disk full')).toEqual({ title: 'Disk full', isResolved: true });
    expect(readSubject('Resolved: Disk full')).toEqual({ title: 'Disk full', isResolved: true });
    expect(readSubject('OK: Disk full')).toEqual({ title: 'Disk full', isResolved: true });
    expect(readSubject('PROBLEM: Disk full')).toEqual({ title: 'Disk full', isResolved: false });
    expect(readSubject('  Disk   full ')).toEqual({ title: 'Disk full', isResolved: false });
    expect(readSubject('Okta login failures')).toEqual({ title: 'Okta login failures', isResolved: false });
  });

  it('gives a trigger and its recovery the same key, whatever the case', () => {
    const fire = readSubject('[FIRING:1] Disk almost full on db-1');
    const heal = readSubject('Re: [RESOLVED] disk almost full on DB-1');
    expect(subjectKey(fire.title)).toBe(subjectKey(heal.title));
    expect(subjectKey(fire.title)).toMatch(/^email:[0-9a-f]{32}$/);
  });
});

describe('emailToEvent', () => {
  const raw = (subject: string) =>
    [
      'From: "Zabbix" <zabbix@example.com>',
      'To: key@beacon.example.com, oncall@example.com',
      `Subject: ${subject}`,
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      'Problem started at 11:58 on 2026.03.01=0AHost: db-1',
    ].join('\r\n');

  it('reads subject, decoded text body and sender; finds a severity word', async () => {
    const parsed = await emailToEvent(raw('=?UTF-8?Q?Warning:_disk_=E2=80=94_db-1?='));
    expect(parsed).toEqual({
      ok: true,
      value: expect.objectContaining({
        action: 'trigger',
        summary: 'Warning: disk — db-1',
        severity: 'warning',
        source: 'zabbix@example.com',
        details: {
          body: 'Problem started at 11:58 on 2026.03.01\nHost: db-1',
          from: 'zabbix@example.com',
          to: 'key@beacon.example.com, oncall@example.com',
        },
      }),
    });
  });

  it('keeps the recipients without the integration key they carry', async () => {
    const parsed = await emailToEvent(raw('Disk full'), ['KEY']);
    expect(parsed.ok && parsed.value.details).toMatchObject({
      to: '[integration key]@beacon.example.com, oncall@example.com',
    });
    expect(JSON.stringify(parsed)).not.toMatch(/key@beacon/);
  });

  it('resolves on a recovery subject and refuses a message without subject', async () => {
    const parsed = await emailToEvent(raw('OK: Warning: disk — db-1'));
    expect(parsed.ok && parsed.value.action).toBe('resolve');
    expect(await emailToEvent('no headers at all')).toEqual({
      ok: false,
      errors: ['the message has no Subject'],
    });
  });
});
