import { z } from 'zod';

// The parts of a Telegram Update Beacon reads (https://core.telegram.org/bots/api#update):
// a button press (`callback_query`) and `/start` in a chat; every other update is ignored.

const Chat = z.object({ id: z.number().int() });

const CallbackMessage = z.object({
  message_id: z.number().int(),
  chat: Chat,
  text: z.string().optional(),
  entities: z.array(z.unknown()).optional(),
  reply_markup: z
    .object({
      inline_keyboard: z.array(
        z.array(z.object({ text: z.string(), callback_data: z.string().optional() }).loose()),
      ),
    })
    .optional(),
});

/** An Update as Beacon reads it. */
export const TelegramUpdate = z.object({
  update_id: z.number().int(),
  message: z.object({ chat: Chat, text: z.string().optional() }).optional(),
  callback_query: z
    .object({
      id: z.string(),
      from: z.object({ id: z.number().int() }),
      message: CallbackMessage.optional(),
      data: z.string().optional(),
    })
    .optional(),
});
export type TelegramUpdate = z.infer<typeof TelegramUpdate>;

/** A pressed button's callback message. */
export type CallbackMessage = z.infer<typeof CallbackMessage>;

/** The action and incident id of a button's `callback_data` (`ack:12`, `resolve:12`). */
export function buttonAction(
  data: string | undefined,
): { action: 'ack' | 'resolve'; incidentId: number } | undefined {
  const match = /^(ack|resolve):(\d{1,12})$/.exec(data ?? '');
  if (!match?.[1] || !match[2]) return undefined;
  return { action: match[1] as 'ack' | 'resolve', incidentId: Number(match[2]) };
}

/** The keyboard after acting: a resolved incident loses its row, an acknowledged one its Acknowledge button. */
export function keyboardAfter(
  message: CallbackMessage,
  done: { action: 'ack' | 'resolve'; incidentId: number },
): unknown[][] {
  const rows = message.reply_markup?.inline_keyboard ?? [];
  const isOf = (button: { callback_data?: string | undefined }) =>
    buttonAction(button.callback_data)?.incidentId === done.incidentId;
  return rows
    .map((row) => {
      if (!row.some(isOf)) return row;
      if (done.action === 'resolve') return [];
      return row.filter((button) => !(isOf(button) && buttonAction(button.callback_data)?.action === 'ack'));
    })
    .filter((row) => row.length > 0);
}
