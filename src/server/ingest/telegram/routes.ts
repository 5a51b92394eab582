import { timingSafeEqual } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { AppContext } from '../../commands/context.js';
import { actOnTelegramButton } from '../../commands/oncall/phone-actions.js';
import type { Config } from '../../config.js';
import type { ZodApp } from '../../http/zod-app.js';
import { hidden } from '../inbound-scope.js';
import { acceptJsonBodies } from '../json-bodies.js';
import { refuseWebhook, useWebhookErrors } from '../webhook-problems.js';
import { type CallbackMessage, TelegramUpdate, buttonAction, keyboardAfter } from './update.js';

/** The Telegram webhook's path. */
export const TELEGRAM_PATHS = /^\/integrations\/telegram$/;

/** What the webhook asks of the bot after a press: edit the paged message (server-app.ts supplies it). */
export interface TelegramEditor {
  editMessage(edit: {
    chatId: number;
    messageId: number;
    text: string;
    entities: unknown[];
    keyboard: unknown[][];
  }): Promise<void>;
}

/**
 * `POST /integrations/telegram`: the bot's webhook (setWebhook with `secret_token`). Updates
 * without the secret in `X-Telegram-Bot-Api-Secret-Token` are refused (403). A button press
 * acknowledges or resolves as the Beacon user whose Telegram contact method is the presser,
 * is answered in the webhook's reply (answerCallbackQuery) and edits the message to say who
 * acted; `/start` answers with the chat id to enter in Beacon.
 */
export function telegramRoutes(
  scope: ZodApp,
  ctx: AppContext,
  config: Config,
  editor: TelegramEditor | undefined,
): void {
  acceptJsonBodies(scope);
  useWebhookErrors(scope, TELEGRAM_PATHS);
  scope.post('/integrations/telegram', hidden, async (request, reply) => {
    const telegram = config.telegram;
    if (!telegram) return refuseWebhook(reply, 404, 'Telegram is not configured (BEACON_TELEGRAM_BOT_TOKEN)');
    const given = request.headers['x-telegram-bot-api-secret-token'];
    if (typeof given !== 'string' || !safeEqual(given, telegram.webhookSecret)) {
      request.log.warn('Telegram update without the webhook secret refused');
      return refuseWebhook(reply, 403, 'X-Telegram-Bot-Api-Secret-Token: missing or wrong');
    }
    const parsed = TelegramUpdate.safeParse(request.body);
    if (!parsed.success) return refuseWebhook(reply, 400, 'body: not a Telegram Update');
    const { message, callback_query: press } = parsed.data;
    if (message?.text?.startsWith('/start')) {
      const text = `This chat's id is ${message.chat.id}. In Beacon, open My notifications and add a Telegram contact method with it.`;
      return reply.send({ method: 'sendMessage', chat_id: message.chat.id, text });
    }
    if (!press) return reply.send({});
    const button = buttonAction(press.data);
    if (!button || !press.message)
      return reply.send({
        method: 'answerCallbackQuery',
        callback_query_id: press.id,
        text: 'This button does nothing.',
      });
    const outcome = await actOnTelegramButton(ctx, {
      fromId: String(press.from.id),
      chatId: String(press.message.chat.id),
      ...button,
    });
    if (outcome.isChanged && editor)
      await showOutcome(editor, press.message, button, outcome.text, request.log);
    return reply.send({ method: 'answerCallbackQuery', callback_query_id: press.id, text: outcome.text });
  });
}

/** Add what was done under the message and drop the buttons that no longer apply. */
async function showOutcome(
  editor: TelegramEditor,
  message: CallbackMessage,
  button: NonNullable<ReturnType<typeof buttonAction>>,
  text: string,
  log: FastifyBaseLogger,
): Promise<void> {
  try {
    await editor.editMessage({
      chatId: message.chat.id,
      messageId: message.message_id,
      text: `${message.text ?? ''}\n\n${button.action === 'ack' ? '✅' : '☑️'} ${text}`.slice(0, 4_096),
      entities: message.entities ?? [],
      keyboard: keyboardAfter(message, button),
    });
  } catch (error) {
    // The incident changed either way; a message left unedited only looks stale.
    log.warn({ err: error instanceof Error ? error.message : String(error) }, 'Telegram message not edited');
  }
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
