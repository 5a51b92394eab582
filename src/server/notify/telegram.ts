import type { OutboundAllowList } from '../../core/net/address-policy.js';
import type { TelegramConfig } from '../config.js';
import { escapeHtml } from './message.js';
import { type MessageIncident, type OutboundMessage, ackAllOf } from './message.js';
import { noticeOf, noticeSubject } from './notice-message.js';
import { pageFacts, pageLinks } from './page-facts.js';
import { jsonObjectOf, postToProvider } from './phone/provider-request.js';
import { RetryLaterError } from './phone/retry-later.js';

// A page in Telegram: a bot message (sendMessage, HTML) with an inline keyboard per incident.
// Acknowledge and Resolve are callback buttons (`ack:<id>`, `resolve:<id>`): Telegram posts the
// press to Beacon's webhook (ingest/telegram/), which acts as the Beacon user who pressed.
// A bundle's "Acknowledge all N" is a URL button to the one-click link: it covers every
// incident of the page, also those past the ones listed, and a callback's 64 bytes could not.

/** Characters of a message after its markup is parsed (Telegram's limit). */
export const TELEGRAM_MAX_TEXT = 4_096;
/** Incidents listed (each with its own row of buttons) in one message. */
export const TELEGRAM_MAX_INCIDENTS = 20;
const MAX_TITLE = 300;
/** Characters of one fact (an alert summary, labels). */
const MAX_FACT = 200;

/** A piece of a message: what it shows and its HTML. */
interface Piece {
  shown: string;
  html: string;
}

/** The sendMessage parameters of a page (or notice) to `chatId`. */
export function telegramMessage(message: OutboundMessage, chatId: string) {
  const notice = noticeOf(message);
  if (notice) {
    const pieces = [plain(noticeSubject(notice)), plain('\n'), plain(notice.notice.message)];
    return {
      chat_id: chatId,
      text: fit(pieces),
      parse_mode: 'HTML',
      link_preview_options: { is_disabled: true },
    };
  }
  const shown = message.incidents.slice(0, TELEGRAM_MAX_INCIDENTS);
  const rest = message.incidents.length - shown.length;
  const head =
    message.incidents.length === 1
      ? 'You are being paged.'
      : `${message.incidents.length} incidents need you.`;
  const ackAll = ackAllOf(message);
  const pieces = [
    { shown: head, html: `<b>${escapeHtml(head)}</b>` },
    ...shown.flatMap((incident) => incidentPieces(incident, message.now)),
    ...(rest > 0 ? [plain(`\n\n…and ${rest} more in Beacon.`)] : []),
  ];
  return {
    chat_id: chatId,
    text: fit(pieces),
    parse_mode: 'HTML',
    link_preview_options: { is_disabled: true },
    reply_markup: {
      inline_keyboard: [
        ...(ackAll ? [[{ text: `Acknowledge all ${message.incidents.length}`, url: ackAll }]] : []),
        ...shown.map((incident) => [
          { text: `Acknowledge ${incident.ref}`, callback_data: `ack:${incident.incidentId}` },
          { text: 'Resolve', callback_data: `resolve:${incident.incidentId}` },
        ]),
      ],
    },
  };
}

function incidentPieces(incident: MessageIncident, now: number): Piece[] {
  const links = pageLinks(incident.context);
  return [
    plain('\n\n'),
    {
      shown: incident.ref,
      html: `<a href="${escapeHtml(incident.url)}"><b>${escapeHtml(incident.ref)}</b></a>`,
    },
    plain(
      ` ${clip(incident.title, MAX_TITLE)}\n${incident.severity} · ${incident.priority} · ${incident.reason}`,
    ),
    // The facts the other channels carry (service, alert, labels, fired, who else), one a line.
    ...pageFacts(incident.context, now).map((fact) => ({
      shown: `\n${fact.label}: ${clip(fact.value, MAX_FACT)}`,
      html: `\n<b>${escapeHtml(fact.label)}:</b> ${escapeHtml(clip(fact.value, MAX_FACT))}`,
    })),
    ...links.map((link, index) => ({
      shown: `${index === 0 ? '\n' : ' · '}${link.label}`,
      html: `${index === 0 ? '\n' : ' · '}<a href="${escapeHtml(link.url)}">${escapeHtml(link.label)}</a>`,
    })),
  ];
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function plain(text: string): Piece {
  return { shown: text, html: escapeHtml(text) };
}

/** The HTML of `pieces`, whole pieces while they fit Telegram's limit, the last one cut. */
function fit(pieces: Piece[]): string {
  let room = TELEGRAM_MAX_TEXT;
  let html = '';
  for (const piece of pieces) {
    if (piece.shown.length <= room) {
      html += piece.html;
      room -= piece.shown.length;
      continue;
    }
    if (room > 1) html += escapeHtml(`${piece.shown.slice(0, room - 1)}…`);
    break;
  }
  return html;
}

/** Call one Bot API method; a 429 is retried later (after `retry_after`), any other failure throws. */
export async function callTelegram(
  telegram: TelegramConfig,
  allow: OutboundAllowList,
  method: string,
  params: object,
): Promise<void> {
  const reply = await postToProvider({
    url: `${telegram.apiUrl}/bot${telegram.botToken}/${method}`,
    contentType: 'application/json',
    body: JSON.stringify(params),
    allow,
  });
  const body = jsonObjectOf(reply.text);
  if (reply.status === 200 && body?.ok === true) return;
  const description = typeof body?.description === 'string' ? body.description : reply.text.slice(0, 200);
  const message = `HTTP ${reply.status} from Telegram ${method}: ${description}`;
  if (reply.status === 429) {
    const parameters = body?.parameters as { retry_after?: unknown } | undefined;
    const seconds = typeof parameters?.retry_after === 'number' ? parameters.retry_after : undefined;
    throw new RetryLaterError(message, seconds === undefined ? undefined : seconds * 1000);
  }
  throw new Error(message);
}

/** Send a page to a Telegram chat through the bot. */
export function sendTelegram(
  message: OutboundMessage,
  telegram: TelegramConfig | undefined,
  allow: OutboundAllowList,
): Promise<void> {
  if (!telegram)
    return Promise.reject(
      new Error(
        'Telegram is not configured (set BEACON_TELEGRAM_BOT_TOKEN and BEACON_TELEGRAM_WEBHOOK_SECRET)',
      ),
    );
  return callTelegram(telegram, allow, 'sendMessage', telegramMessage(message, message.address));
}

/** The bot's calls the Telegram webhook makes after a button press (editing the paged message). */
export function telegramBot(telegram: TelegramConfig, allow: OutboundAllowList) {
  return {
    /** Replace a message's text (keeping its entities) and its buttons. */
    editMessage(edit: {
      chatId: number;
      messageId: number;
      text: string;
      entities: unknown[];
      keyboard: unknown[][];
    }) {
      return callTelegram(telegram, allow, 'editMessageText', {
        chat_id: edit.chatId,
        message_id: edit.messageId,
        text: edit.text,
        entities: edit.entities,
        reply_markup: { inline_keyboard: edit.keyboard },
      });
    },
  };
}
