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
  TELEGRAM_TOKEN,
  type TelegramFake,
  type TelegramSent,
  startTelegramFake,
} from '../../../../test/support/server/notify/telegram-fake.js';

const SECRET = 'telegram-webhook-secret-0123';
const CHAT = 424242;

describeEachDialect('Telegram: bot pages with buttons, acknowledged through the webhook', (dialect) => {
  const env: Record<string, string> = {
    BEACON_BASE_URL: 'https://beacon.example',
    BEACON_TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN,
    BEACON_TELEGRAM_WEBHOOK_SECRET: SECRET,
  };
  let telegram: TelegramFake;
  let paging: Paging | undefined;
  // Registered before the harness's own hook, so the app is configured with the fake's URL.
  beforeEach(async () => {
    telegram = await startTelegramFake();
    env.BEACON_TELEGRAM_API_URL = telegram.url;
  });
  const api = useApiHarness(dialect, env);
  afterEach(async () => {
    await paging?.close();
    paging = undefined;
    await telegram.close();
  });

  async function page(titles: string[]) {
    const { users, db, clock } = api();
    await notifyAtOnce(api(), 'responder', { type: 'telegram', address: String(CHAT) });
    const { serviceId } = await serviceWithPolicy(api(), [
      { delayMinutes: 5, targets: [{ type: 'user', id: users.responder.userId }] },
    ]);
    const incidents = [];
    for (const title of titles) incidents.push(await trigger(api(), serviceId, title));
    const config = loadConfig({ ...env, BEACON_DATA_DIR: '/tmp/beacon-unused' });
    paging = pagingEngine(db.ctx, 'smtp://127.0.0.1:9', {
      baseUrl: env.BEACON_BASE_URL,
      telegram: config.telegram,
    });
    await paging.tick();
    clock.advance(10_000);
    await paging.tick();
    return incidents;
  }

  /** The update Telegram posts when `fromId` presses the button `data` under `message`. */
  const press = (message: TelegramSent, data: string, fromId = CHAT) => ({
    update_id: 10_000 + message.messageId,
    callback_query: {
      id: `cb-${message.messageId}-${data}`,
      from: { id: fromId, is_bot: false, first_name: 'Ada' },
      chat_instance: '-1234',
      data,
      message: {
        message_id: message.messageId,
        date: 1_767_225_600,
        chat: { id: Number(message.chatId), type: 'private' },
        text: message.text,
        entities: [{ type: 'bold', offset: 0, length: 5 }],
        reply_markup: { inline_keyboard: message.keyboard },
      },
    },
  });

  const post = (body: unknown, secret: string | null = SECRET) =>
    api().app.inject({
      method: 'POST',
      url: '/integrations/telegram',
      headers: {
        'content-type': 'application/json',
        ...(secret === null ? {} : { 'x-telegram-bot-api-secret-token': secret }),
      },
      payload: JSON.stringify(body),
    });

  it('sends the page with Acknowledge and Resolve buttons; a press acknowledges and edits the message', async () => {
    const [incident] = await page(['Checkout <is> down']);
    const [sent, ...more] = telegram.sent;
    expect(more).toEqual([]);
    expect(telegram.refused).toEqual([]);
    if (!sent || !incident) throw new Error('no page sent');
    expect(sent.chatId).toBe(String(CHAT));
    expect(sent.text).toContain(`${incident.ref} Checkout <is> down`);
    expect(sent.keyboard).toEqual([
      [
        { text: `Acknowledge ${incident.ref}`, callback_data: `ack:${incident.id}` },
        { text: 'Resolve', callback_data: `resolve:${incident.id}` },
      ],
    ]);

    const res = await post(press(sent, `ack:${incident.id}`));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      method: 'answerCallbackQuery',
      callback_query_id: `cb-${sent.messageId}-ack:${incident.id}`,
      text: `${incident.ref} acknowledged by Responder.`,
    });
    expect((await readIncident(api(), incident.ref)).status).toBe('investigating');
    const entry = (await readTimeline(api(), incident.ref)).find(
      (line) => line.body === 'Acknowledged by Telegram',
    );
    expect(entry?.actor).toMatchObject({ type: 'user', name: 'Responder' });
    expect(telegram.edits).toEqual([
      {
        chatId: String(CHAT),
        messageId: sent.messageId,
        text: `${sent.text}\n\n✅ ${incident.ref} acknowledged by Responder.`,
        keyboard: [[{ text: 'Resolve', callback_data: `resolve:${incident.id}` }]],
      },
    ]);

    // Resolving from the remaining button drops the buttons.
    const resolved = await post(press(sent, `resolve:${incident.id}`));
    expect(resolved.json()).toMatchObject({ text: `${incident.ref} resolved by Responder.` });
    expect((await readIncident(api(), incident.ref)).status).toBe('resolved');
    expect(telegram.edits[1]?.keyboard).toEqual([]);
  });

  it('refuses an update without the secret token, or with another, with 403 and changes nothing', async () => {
    const [incident] = await page(['Checkout is down']);
    const [sent] = telegram.sent;
    if (!sent || !incident) throw new Error('no page sent');
    const before = await snapshot(api(), incident.ref);
    for (const secret of [null, 'not-the-secret-at-all', `${SECRET}x`]) {
      const res = await post(press(sent, `ack:${incident.id}`), secret);
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ type: 'https://beacon.dev/problems/forbidden', status: 403 });
    }
    expect(await snapshot(api(), incident.ref)).toEqual(before);
    expect(telegram.edits).toEqual([]);
  });

  it('a press by a Telegram account no Beacon user has linked changes nothing and says why', async () => {
    const [incident] = await page(['Checkout is down']);
    const [sent] = telegram.sent;
    if (!sent || !incident) throw new Error('no page sent');
    const res = await post(press(sent, `ack:${incident.id}`, 777));
    expect(res.json()).toMatchObject({
      method: 'answerCallbackQuery',
      text: expect.stringContaining('chat id 777') as string,
    });
    expect((await readIncident(api(), incident.ref)).status).toBe('triggered');
    expect(telegram.edits).toEqual([]);
  });

  it('/start answers with the chat id to enter in Beacon', async () => {
    const res = await post({
      update_id: 1,
      message: { message_id: 1, date: 0, chat: { id: 5150, type: 'private' }, text: '/start' },
    });
    expect(res.json()).toMatchObject({
      method: 'sendMessage',
      chat_id: 5150,
      text: expect.stringContaining('5150') as string,
    });
  });

  it("Telegram's 429 keeps the page in the outbox for retry_after seconds, then sends it", async () => {
    telegram.rateLimit(1, 45);
    await page(['Checkout is down']);
    expect(telegram.sent).toEqual([]);
    const [row] = (await outboxRows(api().db.ctx)).filter((outbox) => outbox.channel === 'telegram');
    expect(row).toMatchObject({
      status: 'pending',
      last_error: 'HTTP 429 from Telegram sendMessage: Too Many Requests: retry after 45',
    });
    // The outbox's own backoff (30 s after a first failure) would be sooner than Telegram asked.
    expect(Number(row?.next_attempt_at)).toBe(api().clock.now() + 45_000);
    api().clock.advance(44_000);
    await paging?.deliver();
    expect(telegram.sent).toEqual([]);
    api().clock.advance(1_000);
    await paging?.deliver();
    expect(telegram.sent).toHaveLength(1);
  });
});
