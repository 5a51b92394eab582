/** On-call shifts as an RFC 5545 iCalendar feed that calendar apps can subscribe to. */
import type { Shift } from './schedule-types.js';

/** One calendar event; `start`/`end` are instants in epoch ms. */
export interface CalendarEvent {
  /** Stable across renders, so a subscribed calendar updates an event instead of duplicating it. */
  uid: string;
  start: number;
  end: number;
  summary: string;
  description?: string;
}

/** Feed-level options; `now` stamps every event (DTSTAMP). */
export interface CalendarOptions {
  name: string;
  now: number;
}

const CRLF = '\r\n';
const MAX_LINE_OCTETS = 75;
const encoder = new TextEncoder();

/** An instant as an RFC 5545 UTC DATE-TIME, `YYYYMMDDTHHMMSSZ` (milliseconds dropped). */
export function formatUtc(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

/** A TEXT value escaped per RFC 5545 §3.3.11: backslash, semicolon, comma and newlines; other controls dropped. */
export function escapeText(value: string): string {
  return (
    value
      .replace(/\\/g, '\\\\')
      .replace(/;/g, '\\;')
      .replace(/,/g, '\\,')
      .replace(/\r\n|\r|\n/g, '\\n')
      // CONTROL characters other than HTAB are not allowed in TEXT.
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000a-\u001f\u007f]/g, '')
  );
}

/** A content line folded so no physical line exceeds 75 octets, never splitting a UTF-8 character. */
export function foldLine(line: string): string {
  const lines: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    // A continuation line starts with one space, which counts towards its 75 octets.
    if (octets + size > MAX_LINE_OCTETS) {
      lines.push(current);
      current = ' ';
      octets = 1;
    }
    current += char;
    octets += size;
  }
  lines.push(current);
  return lines.join(CRLF);
}

/** An RFC 5545 VCALENDAR (METHOD:PUBLISH) with one VEVENT per event, CRLF line endings, folded lines. */
export function icalendar(events: readonly CalendarEvent[], opts: CalendarOptions): string {
  const stamp = formatUtc(opts.now);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Beacon//On-call//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(opts.name)}`,
  ];
  for (const event of events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${escapeText(event.uid)}`,
      `DTSTAMP:${stamp}`,
      `DTSTART:${formatUtc(event.start)}`,
      `DTEND:${formatUtc(event.end)}`,
      `SUMMARY:${escapeText(event.summary)}`,
    );
    if (event.description !== undefined) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
    lines.push('END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join(CRLF) + CRLF;
}

/** Calendar events for shifts, named from `names` (user id → display name) and the schedule's name. */
export function shiftsToEvents(
  shifts: readonly Shift[],
  names: ReadonlyMap<number, string>,
  scheduleName: string,
): CalendarEvent[] {
  const scheduleKey = `${slug(scheduleName)}-${fnv1a(scheduleName)}`;
  return shifts.map((shift) => {
    const name = names.get(shift.userId) ?? `user ${shift.userId}`;
    const source = shift.source === 'override' ? 'an override' : `layer ${shift.source + 1}`;
    return {
      uid: `oncall-${scheduleKey}-${shift.userId}-${shift.start}@beacon`,
      start: shift.start,
      end: shift.end,
      summary: `On call: ${name} (${scheduleName})`,
      description: `${name} is on call for ${scheduleName}, from ${source}.`,
    };
  });
}

function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'schedule'
  );
}

/** A short hash so schedules whose names slug alike (or not at all: "Дежурство") keep distinct UIDs. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (const byte of encoder.encode(text)) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, '0');
}
