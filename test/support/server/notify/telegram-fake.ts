import http from 'node:http';
import type { AddressInfo } from 'node:net';

// A loopback stand-in for the Telegram Bot API (test-only module). It takes only what the
// Bot API documents (https://core.telegram.org/bots/api#making-requests): POST
// /bot<token>/<method> with a JSON body; sendMessage with chat_id, text of 1–4,096 characters
// after HTML parsing (only the tags Telegram allows), an inline keyboard whose buttons have a
// text and a url or a 1–64 byte callback_data; editMessageText of a message it sent. Otherwise
// it answers as Telegram does ({"ok":false,"error_code":…,"description":…}); 429 names
// `parameters.retry_after`.

export const TELEGRAM_TOKEN = '123456:ABC-test-bot-token';

/** A message the fake bot holds, as a chat shows it. */
export interface TelegramSent {
  messageId: number;
  chatId: string;
  /** The text as shown (tags removed, entities decoded). */
  text: string;
  /** The HTML as sent. */
  html: string;
  keyboard: Array<Array<{ text: string; callback_data?: string; url?: string }>>;
}

export interface TelegramFake {
  url: string;
  sent: TelegramSent[];
  /** editMessageText calls accepted, in order. */
  edits: Array<{ chatId: string; messageId: number; text: string; keyboard: unknown[][] }>;
  refused: string[];
  /** Answer the next `count` requests with 429 and `retry_after`. */
  rateLimit(count: number, retryAfterSeconds: number): void;
  /** Refuse every message as for a chat the bot cannot reach (400 chat not found). */
  isRefusingChats: boolean;
  close(): Promise<void>;
}

const ALLOWED_TAGS = /^(b|strong|i|em|u|ins|s|strike|del|code|pre|a|tg-spoiler|span|blockquote)$/;

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The text Telegram shows for `html`, or an error as Telegram words it. */
export function parseTelegramHtml(html: string): { text: string } | { error: string } {
  for (const match of html.matchAll(/<\/?([a-z-]+)[^>]*>/g)) {
    if (!ALLOWED_TAGS.test(match[1] ?? ''))
      return { error: `Bad Request: can't parse entities: Unsupported start tag "${match[1] ?? ''}"` };
  }
  const stripped = html.replace(/<[^>]*>/g, '');
  if (/&(?!(lt|gt|amp|quot|#\d+|#x[0-9a-f]+);)/i.test(stripped))
    return { error: "Bad Request: can't parse entities: unsupported entity" };
  const text = stripped
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&#x([0-9a-f]+);/gi, (_, code: string) => String.fromCodePoint(parseInt(code, 16)))
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&amp;', '&');
  return { text };
}

function keyboardRefusal(markup: unknown): string | undefined {
  if (markup === undefined) return undefined;
  if (!isObject(markup) || !Array.isArray(markup.inline_keyboard))
    return "Bad Request: can't parse reply keyboard markup JSON object";
  for (const row of markup.inline_keyboard as unknown[]) {
    if (!Array.isArray(row))
      return "Bad Request: can't parse inline keyboard button: InlineKeyboardButton must be an Object";
    for (const button of row as unknown[]) {
      if (!isObject(button) || typeof button.text !== 'string' || button.text === '')
        return 'Bad Request: BUTTON_TEXT_INVALID';
      const data = button.callback_data;
      if (
        data !== undefined &&
        (typeof data !== 'string' || Buffer.byteLength(data) < 1 || Buffer.byteLength(data) > 64)
      )
        return 'Bad Request: BUTTON_DATA_INVALID';
      if ((data === undefined) === (button.url === undefined))
        return "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard";
    }
  }
  return undefined;
}

/** Start a Telegram Bot API fake on a free loopback port. */
export async function startTelegramFake(): Promise<TelegramFake> {
  let limited = 0;
  let retryAfter = 0;
  const fake = {
    sent: [] as TelegramSent[],
    edits: [] as TelegramFake['edits'],
    refused: [] as string[],
    isRefusingChats: false,
    rateLimit(count: number, seconds: number) {
      limited = count;
      retryAfter = seconds;
    },
  } as TelegramFake;
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const answer = (status: number, body: Json) => {
        if (status !== 200) fake.refused.push(String(body.description));
        response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      };
      const fail = (code: number, description: string, extra: Json = {}) =>
        answer(code, { ok: false, error_code: code, description, ...extra });
      const match = /^\/bot([^/]+)\/(\w+)$/.exec(request.url ?? '');
      if (!match) return fail(404, 'Not Found');
      if (match[1] !== TELEGRAM_TOKEN) return fail(401, 'Unauthorized');
      if (
        request.method !== 'POST' ||
        !String(request.headers['content-type']).startsWith('application/json')
      )
        return fail(400, 'Bad Request: expected a JSON body');
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return fail(400, 'Bad Request: invalid JSON');
      }
      if (!isObject(body)) return fail(400, 'Bad Request: invalid JSON');
      if (limited > 0) {
        limited -= 1;
        return fail(429, `Too Many Requests: retry after ${retryAfter}`, {
          parameters: { retry_after: retryAfter },
        });
      }
      if (match[2] === 'sendMessage') return sendMessage(body);
      if (match[2] === 'editMessageText') return editMessageText(body);
      return fail(404, 'Not Found: method not found');

      function shown(json: Json): { text: string } | { error: string } {
        if (typeof json.text !== 'string') return { error: 'Bad Request: message text is empty' };
        const parsed =
          json.parse_mode === 'HTML'
            ? parseTelegramHtml(json.text)
            : json.parse_mode === undefined
              ? { text: json.text }
              : { error: 'Bad Request: unsupported parse_mode' };
        if ('error' in parsed) return parsed;
        if (parsed.text.trim() === '') return { error: 'Bad Request: message text is empty' };
        if (parsed.text.length > 4096) return { error: 'Bad Request: message is too long' };
        return parsed;
      }
      function sendMessage(json: Json) {
        const chatId = json.chat_id;
        if (typeof chatId !== 'number' && typeof chatId !== 'string')
          return fail(400, 'Bad Request: chat_id is empty');
        if (fake.isRefusingChats) return fail(400, 'Bad Request: chat not found');
        const text = shown(json);
        if ('error' in text) return fail(400, text.error);
        const keyboardError = keyboardRefusal(json.reply_markup);
        if (keyboardError) return fail(400, keyboardError);
        const message: TelegramSent = {
          messageId: fake.sent.length + 1,
          chatId: String(chatId),
          text: text.text,
          html: String(json.text),
          keyboard: (isObject(json.reply_markup)
            ? json.reply_markup.inline_keyboard
            : []) as TelegramSent['keyboard'],
        };
        fake.sent.push(message);
        return answer(200, {
          ok: true,
          result: { message_id: message.messageId, chat: { id: Number(chatId) }, text: message.text },
        });
      }
      function editMessageText(json: Json) {
        const original = fake.sent.find(
          (message) => message.messageId === json.message_id && message.chatId === String(json.chat_id),
        );
        if (!original) return fail(400, 'Bad Request: message to edit not found');
        const text = shown(json);
        if ('error' in text) return fail(400, text.error);
        if (json.entities !== undefined && !Array.isArray(json.entities))
          return fail(400, "Bad Request: can't parse entities JSON object");
        const keyboardError = keyboardRefusal(json.reply_markup);
        if (keyboardError) return fail(400, keyboardError);
        const keyboard = (
          isObject(json.reply_markup) ? json.reply_markup.inline_keyboard : []
        ) as unknown[][];
        fake.edits.push({
          chatId: original.chatId,
          messageId: original.messageId,
          text: text.text,
          keyboard,
        });
        return answer(200, { ok: true, result: { message_id: original.messageId, text: text.text } });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  fake.url = `http://127.0.0.1:${port}`;
  fake.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return fake;
}
