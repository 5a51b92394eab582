import { simpleParser } from 'mailparser';
import { type AlertEvent, severityFromWord } from '../../../core/alerts/alert-event.js';
import { type Parsed, textHash, truncate } from '../common.js';

const MAX_BODY = 64 * 1024;

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
 * details.body and the sender is the source.
 */
export async function emailToEvent(raw: Buffer | string): Promise<Parsed<AlertEvent>> {
  const mail = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true });
  const subject = readSubject(mail.subject ?? '');
  if (!subject.title) return { ok: false, errors: ['the message has no Subject'] };
  const from = mail.from?.value[0]?.address ?? mail.from?.text ?? null;
  const to = [mail.to ?? []].flat().map((a) => a.text);
  const body = truncate((mail.text ?? '').trim(), MAX_BODY);
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
        subject: mail.subject ?? '',
        from,
        to,
        date: mail.date?.toISOString() ?? null,
        messageId: mail.messageId ?? null,
        text: body,
      },
    },
  };
}
