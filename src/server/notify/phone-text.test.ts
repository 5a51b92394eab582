import { describe, expect, it } from 'vitest';
import { smsSize } from '../../core/phone/sms-length.js';
import type { PageContext } from '../../core/schemas/page-context.js';
import type { MessageIncident, OutboundMessage } from './message.js';
import { TELEGRAM_MAX_TEXT, telegramMessage } from './telegram.js';
import { parseTelegramHtml } from '../../../test/support/server/notify/telegram-fake.js';
import { smsText } from './twilio-sms.js';
import { voiceTwiml } from './twilio-voice.js';

const incident = (n: number, title = `Checkout ${n} is down`): MessageIncident => ({
  incidentId: n,
  ref: `INC-${n}`,
  title,
  severity: 'SEV1',
  priority: 'P1',
  reason: 'triggered',
  key: `esc:${n}`,
  url: `https://beacon.example/incidents/INC-${n}`,
  ackUrl: `https://beacon.example/ack/a${n}`,
  resolveUrl: `https://beacon.example/ack/r${n}`,
});

const message = (incidents: MessageIncident[]): OutboundMessage => ({
  channel: 'sms',
  address: '+15551230001',
  recipientName: 'Ada',
  secret: 's',
  now: 0,
  incidents,
});

/** An alert-made incident's context, as the sender reads it. */
const context = (summary = 'Error rate above 5% on checkout'): PageContext => ({
  services: ['checkout-api'],
  alert: { summary, labels: [['alertname', 'HighErrorRate']], links: [] },
  firedAt: 0,
  alsoPaged: [],
  acknowledged: null,
});
const withContext = (n: number, summary?: string): MessageIncident => ({
  ...incident(n),
  context: context(summary),
});

describe('SMS text', () => {
  it('one incident carries its service and alert summary before the link, in one segment', () => {
    const text = smsText(message([withContext(12)]));
    expect(text).toBe(
      '[Beacon] INC-12 SEV1 P1 Reply 4 ack, 6 resolve\nCheckout 12 is down\ncheckout-api: Error rate above 5% on checkout\nhttps://beacon.example/incidents/INC-12',
    );
    expect(smsSize(text).segments).toBe(1);
  });

  it('leaves the link out for the facts, and the facts out when they cannot fit', () => {
    const noLink = smsText(message([withContext(12, 'Error rate above 5% on checkout in eu-west-1')]));
    expect(noLink).toContain('checkout-api: Error rate above 5% on checkout in eu-west-1');
    expect(noLink).not.toContain('https://');
    expect(smsSize(noLink).segments).toBe(1);

    const noFacts = smsText(message([withContext(12, 'Error rate '.repeat(20))]));
    expect(noFacts).not.toContain('checkout-api');
    expect(noFacts).toContain('Checkout 12 is down\nhttps://beacon.example/incidents/INC-12');
  });

  it('an alert summary that is the title is not said twice', () => {
    const text = smsText(message([{ ...withContext(12), title: 'Error rate above 5% on checkout' }]));
    expect(text).toContain('Error rate above 5% on checkout\nService: checkout-api\n');
    expect(text.match(/Error rate/g)).toHaveLength(1);
  });

  it('a bundle lists every incident first and adds facts, in order, while three segments hold', () => {
    const text = smsText(message([1, 2, 3, 4, 5].map((n) => withContext(n))));
    expect(smsSize(text).segments).toBeLessThanOrEqual(3);
    expect(text).toContain('INC-1 SEV1 Checkout 1 is down - checkout-api: Error rate above 5% on checkout');
    expect(text).toContain('INC-5 SEV1 Checkout 5 is down');
    expect(text).not.toContain('INC-5 SEV1 Checkout 5 is down - ');
  });

  it('one incident fits one GSM segment with the reply keys and the link', () => {
    const text = smsText(message([incident(12)]));
    expect(text).toBe(
      '[Beacon] INC-12 SEV1 P1 Reply 4 ack, 6 resolve\nCheckout 12 is down\nhttps://beacon.example/incidents/INC-12',
    );
    expect(smsSize(text).segments).toBe(1);
  });

  it('a long title is cut to keep one segment, the reply keys and the link kept', () => {
    const text = smsText(message([incident(12, 'Database primary is refusing connections '.repeat(5))]));
    expect(smsSize(text)).toMatchObject({ encoding: 'gsm', segments: 1 });
    expect(text).toContain('Reply 4 ack, 6 resolve');
    expect(text).toContain('...\nhttps://beacon.example/incidents/INC-12');
  });

  it('a title outside GSM (UCS-2: 70 characters) keeps one segment by leaving the link out', () => {
    const text = smsText(message([incident(12, 'Zahlungen schlagen fehl – Kasse „Nord“ 🔥 seit 03:00')]));
    expect(smsSize(text)).toMatchObject({ encoding: 'ucs2', segments: 1 });
    expect(text.startsWith('[Beacon] INC-12 SEV1 P1 Reply 4 ack, 6 resolve\n')).toBe(true);
    expect(text).not.toContain('https://');
  });

  it('a bundle of 30 lists five, counts the rest and stays within three segments', () => {
    const text = smsText(message(Array.from({ length: 30 }, (_, i) => incident(i + 1))));
    expect(smsSize(text).segments).toBeLessThanOrEqual(3);
    expect(text).toContain('30 incidents. Reply 4 ack all, 6 resolve all, "4 1" INC-1 only');
    expect(text).toContain('INC-5 SEV1 Checkout 5 is down');
    expect(text).not.toContain('INC-6 ');
    expect(text).toContain('+25 more');
  });
});

describe('voice TwiML', () => {
  it('reads each incident with its service and alert summary, and press 4 acknowledges all', () => {
    const twiml = voiceTwiml(
      message([withContext(1), withContext(2, 'Checkout 2 is down')]),
      'https://b.example',
    );
    expect(twiml).toContain(
      'Incident 1, SEV1: Checkout 1 is down. Service checkout-api. Alert: Error rate above 5% on checkout. Incident 2, SEV1: Checkout 2 is down. Service checkout-api. Press 4 to acknowledge all, 6 to resolve all.',
    );
  });

  it('reads the titles alone when the facts would outgrow 4,000 characters', () => {
    const incidents = [1, 2, 3, 4, 5].map((n) => withContext(n, `<&>"${'&'.repeat(400)}`));
    const twiml = voiceTwiml(message(incidents), 'https://b.example');
    expect(twiml.length).toBeLessThanOrEqual(4_000);
    expect(twiml).toContain('Incident 5, SEV1: Checkout 5 is down. Press 4');
    expect(twiml).not.toContain('checkout-api');
  });

  it('escapes the title and stays within the 4,000 characters Twilio takes', () => {
    const incidents = Array.from({ length: 40 }, (_, i) =>
      incident(i + 1, `<Say>"${'x'.repeat(400)}" & more`),
    );
    const twiml = voiceTwiml(message(incidents), 'https://beacon.example');
    expect(twiml.length).toBeLessThanOrEqual(4_000);
    expect(twiml).not.toContain('<Say>"');
    expect(twiml).toContain('&lt;Say&gt;&quot;');
    expect(twiml).toContain('action="https://beacon.example/integrations/twilio/voice?incidents=1,2,3');
  });
});

describe('Telegram message', () => {
  it("keeps within Telegram's 4,096 characters, as Telegram counts them after HTML parsing", () => {
    const incidents = Array.from({ length: 25 }, (_, i) => incident(i + 1, `<b>&${'y'.repeat(600)}`));
    const sent = telegramMessage(message(incidents), '42');
    const shown = parseTelegramHtml(sent.text);
    if ('error' in shown) throw new Error(shown.error);
    expect(shown.text.length).toBeLessThanOrEqual(TELEGRAM_MAX_TEXT);
    expect(shown.text).toContain('INC-1 <b>&yyy');
    expect(sent.reply_markup?.inline_keyboard).toHaveLength(20);
  });

  it('a bundle has an Acknowledge all button to the one-click link, covering incidents past the twenty listed', () => {
    const incidents = Array.from({ length: 25 }, (_, i) => incident(i + 1));
    const sent = telegramMessage(
      { ...message(incidents), ackAllUrl: 'https://beacon.example/ack/all' },
      '42',
    );
    const keyboard = sent.reply_markup?.inline_keyboard ?? [];
    expect(keyboard[0]).toEqual([{ text: 'Acknowledge all 25', url: 'https://beacon.example/ack/all' }]);
    expect(keyboard).toHaveLength(21);
  });

  it("carries an incident's facts and alert links", () => {
    const sent = telegramMessage(message([withContext(1)]), '42');
    expect(sent.text).toContain(
      '\n<b>Service:</b> checkout-api\n<b>Alert:</b> Error rate above 5% on checkout\n',
    );
    expect(sent.text).toContain('<b>Labels:</b> alertname=HighErrorRate');
    expect(sent.reply_markup?.inline_keyboard).toHaveLength(1);
  });
});
