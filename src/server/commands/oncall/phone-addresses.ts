import { ValidationError } from '../../../core/errors.js';
import type { ContactMethodBody } from '../../../core/schemas/oncall.js';

/** Contact method types whose address is a phone number (Twilio). */
export const PHONE_TYPES: ReadonlySet<string> = new Set(['sms', 'voice']);

/**
 * The stored address of an SMS, voice or Telegram contact method: a phone number in E.164 form
 * (spaces, dashes, dots and brackets dropped, as Twilio sends `From`), or a Telegram chat id;
 * undefined for other types. Throws naming `address` when it is neither.
 */
export function phoneContactAddress(body: Pick<ContactMethodBody, 'type' | 'address'>): string | undefined {
  if (PHONE_TYPES.has(body.type)) {
    const number = body.address.replace(/[\s().-]/g, '');
    if (!/^\+[1-9]\d{6,14}$/.test(number))
      throw new ValidationError('address', 'must be a phone number with its country code, e.g. +15017122661');
    return number;
  }
  if (body.type === 'telegram') {
    const chatId = body.address.trim();
    if (!/^-?\d{3,20}$/.test(chatId))
      throw new ValidationError(
        'address',
        'must be your Telegram chat id (send /start to the bot to see it)',
      );
    return chatId;
  }
  return undefined;
}
