import { type ParsedMail, simpleParser } from 'mailparser';
import { type AlertEvent, severityFromWord } from '../../../core/alerts/alert-event.js';
import { cleanText } from '../../../core/text/clean-text.js';
import { type Parsed, textHash, truncate } from '../common.js';

const MAX_BODY = 64 * 1024;

/** Most MIME parts a message may have, nested ones included (so also its deepest nesting). */
export const MAX_MIME_PARTS = 100;
/** Largest header section of a message or of any of its parts, in bytes. */
export const MAX_MIME_HEADER_BYTES = 64 * 1024;

/** A message past the MIME limits: refused with 413 (SMTP 552) without reading the rest. */
export class MessageTooComplexError extends Error {
  readonly statusCode = 413;
}

/** Bytes of a message's own header section (up to the first empty line). */
function headerSectionBytes(raw: Buffer | string): number {
  const bytes = typeof raw === 'string' ? Buffer.from(raw) : raw;
  const ends = [bytes.indexOf('\r\n\r\n'), bytes.indexOf('\n\n')].filter((at) => at >= 0);
  return ends.length > 0 ? Math.min(...ends) : bytes.length;
}

/** Parse a message within the MIME limits; undefined when it is not readable as MIME at all. */
export async function parseMail(raw: Buffer | string): Promise<ParsedMail | undefined> {
  // The parser bounds each part's header lines, but not one long line of the message's own.
  if (headerSectionBytes(raw) > MAX_MIME_HEADER_BYTES)
    throw new MessageTooComplexError(
      `the header section of the message is larger than ${MAX_MIME_HEADER_BYTES} bytes`,
    );
  try {
    return await simpleParser(raw, {
      skipImageLinks: true,
      skipTextToHtml: true,
      maxChildNodes: MAX_MIME_PARTS,
      maxHeadSize: MAX_MIME_HEADER_BYTES,
    });
  } catch (error) {
    if (!(error instanceof Error && 'code' in error && error.code === 'EMAXLEN')) return undefined;
    throw new MessageTooComplexError(
      /child nodes/i.test(error.message)
        ? `the message has more than ${MAX_MIME_PARTS} MIME parts`
        : `a header section of the message is larger than ${MAX_MIME_HEADER_BYTES} bytes`,
    );
  }
}

// Reply and forward markers mail clients put before a subject.
const REPLY_PREFIX = /^\s*(?:re|fwd?|aw|wg|sv|vs)\s*(?:\[\d+\])?\s*:\s*/i;
// Markers of a recovery mail: "[RESOLVED] …", "RESOLVED: …", "Resolved: …", "OK: …".
const RESOLVED_PREFIX = /^\s*(?:\[\s*resolved(?::\s*\d+)?\s*\]|resolved\b\s*:?|ok\s*:)\s*/i;
// Markers of a problem mail that are not part of its identity: "[FIRING:2] …", "PROBLEM: …".
const FIRING_PREFIX =
  /^\s*(?:\[\s*(?:firing|alert|problem)(?::\s*\d+)?\s*\]|(?:firing|alert|problem)\s*:)\s*/i;
const SEVERITY_WORD = /\b(critical|crit|fatal|emergency|error|major|warning|warn|minor|info)\b/i;

/** A subject taken apart: what the alert is called, and whether the mail says it is over. */
export interface AlertSubject {
  /** The subject without reply, forward, firing or resolved markers. */
  title: string;
  isResolved: boolean;
}

/** Strip reply/forward markers and read a leading resolved or firing marker. */
export function readSubject(subject: string): AlertSubject {
  let rest = subject.replace(/\s+/g, ' ').trim();
  let isResolved = false;
  for (let changed = true; changed;) {
    const before = rest;
    rest = rest.replace(REPLY_PREFIX, '');
    if (RESOLVED_PREFIX.test(rest)) {
      isResolved = true;
      rest = rest.replace(RESOLVED_PREFIX, '');
    }
    rest = rest.replace(FIRING_PREFIX, '');
    changed = rest !== before;
  }
  return { title: rest.trim(), isResolved };
}

/** The dedup key of an alert mail: a hash of its normalised subject, so re-sent mails dedupe. */
export function subjectKey(title: string): string {
  return `email:${textHash(title.toLowerCase())}`;
}

/**
 * Read an alert sent as an email (RFC 5322). The subject names the alert (and resolves it
 * when it starts with RESOLVED, [RESOLVED], Resolved: or OK:), the text body goes to
 * details.body and the sender is the source. Text is cleaned (control characters, lone
 * surrogates) before the key is taken; a message past the MIME limits throws
 * MessageTooComplexError. `keys` (the integration keys the message was sent to, as the local
 * part of its address) are replaced in the recipients kept with the alert: anyone who may read
 * an alert may not learn the key from it.
 */
export async function emailToEvent(
  raw: Buffer | string,
  keys: readonly string[] = [],
): Promise<Parsed<AlertEvent>> {
  const mail = await parseMail(raw);
  if (!mail) return { ok: false, errors: ['the message is not readable as MIME'] };
  const subject = readSubject(cleanText(mail.subject ?? ''));
  if (!subject.title) return { ok: false, errors: ['the message has no Subject'] };
  const sender = mail.from?.value[0]?.address ?? mail.from?.text;
  const from = sender === undefined ? null : cleanText(sender);
  const to = [mail.to ?? []].flat().map((a) => withoutKeys(cleanText(a.text), keys));
  const body = truncate(cleanText(mail.text ?? '').trim(), MAX_BODY);
  const summary = truncate(subject.title, 1024);
  const dedupKey = subjectKey(subject.title);
  return {
    ok: true,
    value: {
      action: subject.isResolved ? 'resolve' : 'trigger',
      dedupKey,
      summary,
      severity: severityFromWord(SEVERITY_WORD.exec(subject.title)?.[1]),
      source: from,
      labels: {},
      details: { body, ...(from ? { from } : {}), ...(to.length > 0 ? { to: to.join(', ') } : {}) },
      links: [],
      startsAt: null,
      endsAt: null,
      generatorUrl: null,
      payload: {
        subject: cleanText(mail.subject ?? ''),
        from,
        to,
        date: mail.date?.toISOString() ?? null,
        messageId: mail.messageId === undefined ? null : cleanText(mail.messageId),
        text: body,
      },
    },
  };
}

/** `text` with every one of `keys` (case-insensitively, as mail addresses compare) redacted. */
function withoutKeys(text: string, keys: readonly string[]): string {
  return keys
    .filter((key) => key.length > 0)
    .reduce(
      (out, key) =>
        out.replace(new RegExp(key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi'), '[integration key]'),
      text,
    );
}
