import { afterEach, beforeEach, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { useApiHarness } from '../../../../test/support/server/api-harness.js';
import { describeEachDialect } from '../../../../test/support/server/test-database.js';
import {
  readIncident,
  readTimeline,
  snapshot,
} from '../../../../test/support/server/http/api-test-helpers.js';
import {
  type Paging,
  notifyAtOnce,
  outboxRows,
  pagingEngine,
  serviceWithPolicy,
  trigger,
} from '../../../../test/support/server/engine/escalation/paging-test-helpers.js';
import {
  TWILIO_FROM,
  TWILIO_SID,
  TWILIO_TOKEN,
  type TwilioFake,
  signTwilioCallback,
  startTwilioFake,
} from '../../../../test/support/server/notify/twilio-fake.js';

const BASE = 'https://beacon.example';
const PHONE = '+15551230001';

describeEachDialect('Twilio: SMS and voice pages, acknowledged through signed callbacks', (dialect) => {
  const env: Record<string, string> = {
    BEACON_BASE_URL: BASE,
    BEACON_TWILIO_ACCOUNT_SID: TWILIO_SID,
    BEACON_TWILIO_AUTH_TOKEN: TWILIO_TOKEN,
    BEACON_TWILIO_FROM: TWILIO_FROM,
  };
  let twilio: TwilioFake;
  let paging: Paging | undefined;
  // Registered before the harness's own hook, so the app is configured with the fake's URL.
  beforeEach(async () => {
    twilio = await startTwilioFake();
    env.BEACON_TWILIO_API_URL = twilio.url;
  });
  const api = useApiHarness(dialect, env);
  afterEach(async () => {
    await paging?.close();
    paging = undefined;
    await twilio.close();
  });

  /** Page the responder on `type` (entered as a formatted number) for new incidents; returns them. */
  async function page(type: 'sms' | 'voice', titles: string[]) {
    const { users, db, clock } = api();
    await notifyAtOnce(api(), 'responder', { type, address: '+1 (555) 123-0001' });
    const { serviceId } = await serviceWithPolicy(api(), [
      { delayMinutes: 5, targets: [{ type: 'user', id: users.responder.userId }] },
    ]);
    const incidents = [];
    for (const title of titles) incidents.push(await trigger(api(), serviceId, title));
    const config = loadConfig({ ...env, BEACON_DATA_DIR: '/tmp/beacon-unused' });
    paging = pagingEngine(db.ctx, 'smtp://127.0.0.1:9', { baseUrl: BASE, twilio: config.twilio });
    await paging.tick();
    clock.advance(10_000);
    await paging.tick();
    return incidents;
  }

  /** Post Twilio's callback to `path`, signed over `signedUrl` (default: the URL Beacon is at). */
  function callback(
    path: string,
    params: Record<string, string>,
    signature?: string | null,
    signedUrl?: string,
  ) {
    const sig =
      signature === undefined
        ? signTwilioCallback(TWILIO_TOKEN, signedUrl ?? `${BASE}${path}`, params)
        : signature;
    return api().app.inject({
      method: 'POST',
      url: path,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        ...(sig === null ? {} : { 'x-twilio-signature': sig }),
      },
      payload: new URLSearchParams(params).toString(),
    });
  }

  const smsReply = (body: string, from = PHONE) => ({
    MessageSid: 'SM0123456789abcdef0123456789abcdef',
    AccountSid: TWILIO_SID,
    From: from,
    To: TWILIO_FROM,
    Body: body,
    NumMedia: '0',
  });

  it('texts a short page and a reply of "4" acknowledges it as the person paged', async () => {
    const [incident] = await page('sms', ['Checkout is down']);
    const [sms, ...more] = twilio.accepted;
    expect(more).toEqual([]);
    expect(sms?.resource).toBe('Messages');
    expect(sms?.params.To).toBe(PHONE);
    expect(sms?.params.Body).toContain(`${incident?.ref ?? ''} SEV`);
    expect(sms?.params.Body).toContain('Reply 4 ack, 6 resolve');
    expect(sms?.params.Body?.length).toBeLessThanOrEqual(160);

    const res = await callback('/integrations/twilio/sms', smsReply('4'));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/xml/);
    expect(res.body).toContain(`<Message>${incident?.ref ?? ''} acknowledged by Responder.</Message>`);
    expect((await readIncident(api(), incident?.ref ?? '')).status).toBe('investigating');
    const entry = (await readTimeline(api(), incident?.ref ?? '')).find(
      (line) => line.body === 'Acknowledged by SMS',
    );
    expect(entry?.actor).toMatchObject({ type: 'user', name: 'Responder' });
  });

  it('a reply naming one incident of a bundled page resolves that one only', async () => {
    const [first, second] = await page('sms', ['Checkout is down', 'Search is slow']);
    expect(twilio.accepted).toHaveLength(1);
    expect(twilio.accepted[0]?.params.Body).toContain('2 incidents');
    const number = second?.ref.replace('INC-', '') ?? '';

    const res = await callback('/integrations/twilio/sms', smsReply(`6 ${number}`));
    expect(res.body).toContain(`${second?.ref ?? ''} resolved by Responder.`);
    expect((await readIncident(api(), second?.ref ?? '')).status).toBe('resolved');
    expect((await readIncident(api(), first?.ref ?? '')).status).toBe('triggered');
  });

  it('refuses an unsigned, wrongly signed or other-URL callback with 403 and changes nothing', async () => {
    const [incident] = await page('sms', ['Checkout is down']);
    const before = await snapshot(api(), incident?.ref ?? '');
    const path = '/integrations/twilio/sms';
    const attempts = [
      await callback(path, smsReply('4'), null),
      await callback(path, smsReply('4'), 'bm90IGEgc2lnbmF0dXJlIGF0IGFsbA=='),
      await callback(
        path,
        smsReply('4'),
        signTwilioCallback('another-token-0123456789', `${BASE}${path}`, smsReply('4')),
      ),
      await callback(path, smsReply('4'), undefined, `http://beacon.example${path}`),
    ];
    for (const res of attempts) {
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ type: 'https://beacon.dev/problems/forbidden', status: 403 });
    }
    // A body changed after signing is refused too.
    const signed = signTwilioCallback(TWILIO_TOKEN, `${BASE}${path}`, smsReply('6'));
    expect((await callback(path, smsReply('4'), signed)).statusCode).toBe(403);
    expect(await snapshot(api(), incident?.ref ?? '')).toEqual(before);
  });

  it('a reply from a number Beacon did not page, or that it cannot read, changes nothing', async () => {
    const [incident] = await page('sms', ['Checkout is down']);
    const stranger = await callback('/integrations/twilio/sms', smsReply('4', '+15559999999'));
    expect(stranger.body).toContain('Beacon sent no page to this number in the last 24 hours.');
    const unclear = await callback('/integrations/twilio/sms', smsReply('on my way'));
    expect(unclear.body).toContain('Reply 4 to acknowledge, 6 to resolve');
    expect((await readIncident(api(), incident?.ref ?? '')).status).toBe('triggered');
  });

  it('a reply after 24 hours no longer acts', async () => {
    const [incident] = await page('sms', ['Checkout is down']);
    api().clock.advance(24 * 3_600_000 + 1);
    const res = await callback('/integrations/twilio/sms', smsReply('4'));
    expect(res.body).toContain('no page');
    expect((await readIncident(api(), incident?.ref ?? '')).status).toBe('triggered');
  });

  it('calls with TwiML that gathers one key; pressing 4 acknowledges through the signed action URL', async () => {
    const [incident] = await page('voice', ['Checkout is down']);
    const [call] = twilio.accepted;
    expect(call?.resource).toBe('Calls');
    expect(call?.params.To).toBe(PHONE);
    const twiml = call?.params.Twiml ?? '';
    expect(twiml).toContain('<Gather numDigits="1"');
    expect(twiml).toContain('Press 4 to acknowledge, 6 to resolve.');
    const action = /action="([^"]+)"/.exec(twiml)?.[1]?.replaceAll('&amp;', '&') ?? '';
    expect(action.startsWith(`${BASE}/integrations/twilio/voice?incidents=`)).toBe(true);
    const path = action.slice(BASE.length);
    const pressed = (digits: string) => ({
      CallSid: 'CA0123456789abcdef0123456789abcdef',
      AccountSid: TWILIO_SID,
      From: TWILIO_FROM,
      To: PHONE,
      Digits: digits,
      CallStatus: 'in-progress',
    });

    expect((await callback(path, pressed('4'), 'forged')).statusCode).toBe(403);
    // The query string is part of what Twilio signs: another incident list is refused.
    const otherPath = '/integrations/twilio/voice?incidents=999';
    expect(
      (await callback(otherPath, pressed('4'), signTwilioCallback(TWILIO_TOKEN, action, pressed('4'))))
        .statusCode,
    ).toBe(403);
    expect((await readIncident(api(), incident?.ref ?? '')).status).toBe('triggered');

    const res = await callback(path, pressed('4'));
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`<Say>${incident?.ref ?? ''} acknowledged by Responder.</Say>`);
    expect((await readIncident(api(), incident?.ref ?? '')).status).toBe('investigating');
    const entry = (await readTimeline(api(), incident?.ref ?? '')).find(
      (line) => line.body === 'Acknowledged by a phone call',
    );
    expect(entry?.actor).toMatchObject({ type: 'user', name: 'Responder' });
  });

  it("Twilio's 429 keeps the page in the outbox until Retry-After has passed, then sends it", async () => {
    twilio.rateLimit(1, 120);
    await page('sms', ['Checkout is down']);
    expect(twilio.accepted).toEqual([]);
    const [row] = (await outboxRows(api().db.ctx)).filter((outbox) => outbox.channel === 'sms');
    expect(row).toMatchObject({
      status: 'pending',
      last_error: 'HTTP 429 from Twilio: 20429 Too Many Requests',
    });
    expect(Number(row?.next_attempt_at)).toBe(api().clock.now() + 120_000);

    api().clock.advance(119_000);
    await paging?.deliver();
    expect(twilio.accepted).toEqual([]);
    api().clock.advance(1_000);
    await paging?.deliver();
    expect(twilio.accepted).toHaveLength(1);
  });

  it('refuses a contact number without its country code, naming the field', async () => {
    const res = await api().call('POST', '/api/v1/me/contact-methods', {
      as: 'responder',
      body: { type: 'sms', address: '555-123-0001' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ errors: [{ field: 'address' }] });
  });

  it('stores a number as E.164 and names the method after it', async () => {
    const res = await api().call('POST', '/api/v1/me/contact-methods', {
      as: 'responder',
      body: { type: 'voice', address: '+44 (20) 7946-0958' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      type: 'voice',
      address: '+442079460958',
      name: 'Phone call +442079460958',
    });
  });
});
