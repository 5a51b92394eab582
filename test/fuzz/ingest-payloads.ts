import fc from 'fast-check';
import { hostileKey, hostileString, hugeString } from './hostile-values.js';

// Valid-ish payloads of each monitoring format, as their senders write them (see docs/integrations/).

/** Text of a field: mostly ordinary, sometimes hostile, rarely huge. */
export const text: fc.Arbitrary<string> = fc.oneof(
  { weight: 8, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 2, arbitrary: hostileString },
  { weight: 1, arbitrary: fc.constantFrom('db-1', 'checkout', 'DiskRunningFull', 'critical', 'warning') },
);

/** Rarely, a field far larger than any sender writes. */
const textOrHuge: fc.Arbitrary<string> = fc.oneof(
  { weight: 30, arbitrary: text },
  { weight: 1, arbitrary: hugeString },
);

/** Times as monitoring tools write them, and as they should not. */
export const timestamp: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .date({ min: new Date('2025-01-01'), max: new Date('2027-01-01'), noInvalidDate: true })
      .map((d) => d.toISOString()),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '0001-01-01T00:00:00Z',
      '2026-03-01T12:00:00+0000',
      '2026-03-01T12:00:00.123456789+01:00',
      '9999-12-31T23:59:59Z',
      '275760-09-13T00:00:00Z',
      '1970-01-01T00:00:00Z',
      '2026-02-30T00:00:00Z',
      'yesterday',
      '',
    ),
  },
  { weight: 1, arbitrary: hostileString },
);

/** A label set with an alertname and a few more labels. */
export const labels: fc.Arbitrary<Record<string, string>> = fc
  .tuple(
    fc.constantFrom('DiskRunningFull', 'HighLatency', 'InstanceDown'),
    fc.dictionary(
      fc.oneof(
        { weight: 5, arbitrary: fc.constantFrom('instance', 'job', 'severity', 'team', 'service') },
        { weight: 1, arbitrary: hostileKey },
      ),
      textOrHuge,
      { maxKeys: 4 },
    ),
  )
  .map(([alertname, rest]) => ({ alertname, ...rest }));

const annotations = fc.dictionary(fc.constantFrom('summary', 'description', 'runbook_url'), textOrHuge, {
  maxKeys: 3,
});
const url = fc.oneof(fc.webUrl(), text);

/** Alertmanager API v2: a JSON array of postable alerts. */
export const alertmanagerAlerts: fc.Arbitrary<unknown> = fc.array(
  fc.record(
    { labels, annotations, startsAt: timestamp, endsAt: timestamp, generatorURL: url },
    { requiredKeys: ['labels'] },
  ),
  { minLength: 0, maxLength: 6 },
);

/** Alertmanager's webhook notification, version 4. */
export const alertmanagerWebhook: fc.Arbitrary<unknown> = fc.record(
  {
    version: fc.constantFrom('4', '5', ''),
    groupKey: text,
    truncatedAlerts: fc.nat(10),
    status: fc.constantFrom('firing', 'resolved'),
    receiver: text,
    groupLabels: labels,
    commonLabels: labels,
    commonAnnotations: annotations,
    externalURL: url,
    alerts: fc.array(
      fc.record(
        {
          status: fc.constantFrom('firing', 'resolved', 'pending'),
          labels,
          annotations,
          startsAt: timestamp,
          endsAt: timestamp,
          generatorURL: url,
          fingerprint: fc.oneof(fc.stringMatching(/^[0-9a-f]{16}$/), text),
        },
        { requiredKeys: ['status', 'labels'] },
      ),
      { maxLength: 6 },
    ),
  },
  { requiredKeys: ['version', 'status', 'alerts'] },
);

const details = fc.oneof(fc.dictionary(text, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }), text);

/** PagerDuty Events v2: an alert event with the routing key `key`. */
export const pagerDutyEvent = (key: fc.Arbitrary<string>): fc.Arbitrary<unknown> =>
  fc.record(
    {
      routing_key: key,
      event_action: fc.constantFrom('trigger', 'acknowledge', 'resolve'),
      dedup_key: text,
      payload: fc.record(
        {
          summary: textOrHuge,
          source: text,
          severity: fc.oneof(fc.constantFrom('critical', 'error', 'warning', 'info'), text),
          timestamp,
          component: text,
          group: text,
          class: text,
          custom_details: details,
        },
        { requiredKeys: ['summary', 'source', 'severity'] },
      ),
      images: fc.array(fc.record({ src: url, href: url, alt: text }), { maxLength: 2 }),
      links: fc.array(fc.record({ href: url, text }), { maxLength: 2 }),
      client: text,
      client_url: url,
    },
    { requiredKeys: ['routing_key', 'event_action'] },
  );

/** PagerDuty Events v2: a change event with the routing key `key`. */
export const pagerDutyChange = (key: fc.Arbitrary<string>): fc.Arbitrary<unknown> =>
  fc.record(
    {
      routing_key: key,
      payload: fc.record(
        { summary: textOrHuge, timestamp, source: text, custom_details: details },
        { requiredKeys: ['summary'] },
      ),
      links: fc.array(fc.record({ href: url, text }), { maxLength: 2 }),
    },
    { requiredKeys: ['routing_key', 'payload'] },
  );

/** Opsgenie: create an alert. */
export const opsgenieAlert: fc.Arbitrary<unknown> = fc.record(
  {
    message: textOrHuge,
    alias: text,
    description: textOrHuge,
    responders: fc.array(fc.record({ type: fc.constantFrom('team', 'user'), name: text }), { maxLength: 2 }),
    visibleTo: fc.array(fc.record({ type: fc.constantFrom('team', 'user'), id: text }), { maxLength: 2 }),
    actions: fc.array(text, { maxLength: 3 }),
    tags: fc.array(text, { maxLength: 3 }),
    details: fc.dictionary(text, text, { maxKeys: 4 }),
    entity: text,
    source: text,
    priority: fc.oneof(fc.constantFrom('P1', 'P2', 'P3', 'P4', 'P5'), text),
    user: text,
    note: text,
  },
  { requiredKeys: ['message'] },
);

/** Opsgenie: the body of close and acknowledge. */
export const opsgenieAction: fc.Arbitrary<unknown> = fc.record(
  { user: text, source: text, note: text },
  { requiredKeys: [] },
);

const headerText = fc.oneof(
  { weight: 6, arbitrary: fc.string({ maxLength: 40 }).map((s) => s.replace(/[\r\n]/g, ' ')) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '=?UTF-8?B?RGlzayBmdWxsIPCfkqU=?=',
      '=?UTF-8?Q?Disk_full_=E2=9A=A0?=',
      '=?x-unknown?B?////?=',
      '=?UTF-8?B?not base64?=',
      '=?UTF-8?Q?=FF=FE=00?=',
      'CRITICAL: \u0000 disk',
      '[FIRING:1] DiskRunningFull',
      'a'.repeat(20_000),
    ),
  },
);

const mailBody = fc.oneof(
  fc.string({ maxLength: 200 }),
  hostileString,
  fc.constantFrom('SGVsbG8=', '!!!not base64!!!', '=E2=9A=A0 soft=\r\nbreak', '\u0000\u0000'),
);

/** An alert mail (RFC 5322 text, sometimes MIME multipart), with odd encodings in places. */
export const alertMail: fc.Arbitrary<Buffer> = fc
  .record({
    from: fc.oneof(fc.constant('alerts@monitoring.example.com'), headerText),
    subject: fc.option(headerText, { freq: 8 }),
    type: fc.constantFrom(
      'text/plain; charset=utf-8',
      'text/html; charset=iso-8859-1',
      'text/plain; charset=x-nonsense',
      'multipart/alternative; boundary=b1',
      'multipart/mixed',
      'application/octet-stream',
    ),
    encoding: fc.constantFrom('7bit', '8bit', 'base64', 'quoted-printable', 'x-unknown'),
    body: mailBody,
    extraHeaders: fc.array(
      fc.tuple(fc.constantFrom('X-Priority', 'Message-ID', 'Date', 'References'), headerText),
      { maxLength: 3 },
    ),
    isLatin1: fc.boolean(),
  })
  .map(({ from, subject, type, encoding, body, extraHeaders, isLatin1 }) => {
    const headers = [
      `From: ${from}`,
      ...(subject === null ? [] : [`Subject: ${subject}`]),
      `Content-Type: ${type}`,
      `Content-Transfer-Encoding: ${encoding}`,
      ...extraHeaders.map(([name, value]) => `${name}: ${value}`),
    ];
    const content = type.startsWith('multipart/alternative')
      ? `--b1\r\nContent-Type: text/plain\r\n\r\n${body}\r\n--b1\r\nContent-Type: text/html\r\n\r\n<p>${body}</p>\r\n--b1--\r\n`
      : body;
    return Buffer.from(`${headers.join('\r\n')}\r\n\r\n${content}`, isLatin1 ? 'latin1' : 'utf8');
  });
