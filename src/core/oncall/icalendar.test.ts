import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, icalendar, shiftsToEvents, type CalendarEvent } from './icalendar.js';

const NOW = Date.parse('2026-03-20T08:15:30.250Z');

interface Property {
  name: string;
  params: string;
  value: string;
}

/** A tiny RFC 5545 reader: unfold, split each content line into name, parameters and value. */
function parseCalendar(text: string): Property[] {
  expect(text.endsWith('\r\n')).toBe(true);
  expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  const unfolded = text.replace(/\r\n[ \t]/g, '');
  return unfolded
    .split('\r\n')
    .filter((line) => line !== '')
    .map((line) => {
      // The value starts after the first colon outside a quoted parameter value.
      const match = /^([A-Za-z0-9-]+)((?:;[^:;"]+=(?:"[^"]*"|[^:;"]*))*):(.*)$/s.exec(line);
      if (!match) throw new Error(`not a content line: ${line}`);
      return { name: match[1]!.toUpperCase(), params: match[2]!, value: match[3]! };
    });
}

function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, char: string) => (char.toLowerCase() === 'n' ? '\n' : char));
}

/** The VEVENTs of a calendar, each as a map of property name to raw value. */
function eventsOf(properties: Property[]): Map<string, string>[] {
  const events: Map<string, string>[] = [];
  let current: Map<string, string> | undefined;
  for (const { name, value } of properties) {
    if (name === 'BEGIN' && value === 'VEVENT') current = new Map();
    else if (name === 'END' && value === 'VEVENT' && current) {
      events.push(current);
      current = undefined;
    } else current?.set(name, value);
  }
  return events;
}

const longSummary = `Dyżur — zażółć gęślą jaźń, żółw; 🚨 ${'Ünïcödé 東京 '.repeat(12)}`;
const events: CalendarEvent[] = [
  {
    uid: 'a@beacon',
    start: Date.parse('2026-03-28T08:00Z'),
    end: Date.parse('2026-03-29T07:00Z'),
    summary: 'On call: Ada',
  },
  {
    uid: 'b@beacon',
    start: Date.parse('2026-03-29T07:00Z'),
    end: Date.parse('2026-03-30T07:00Z'),
    summary: longSummary,
    description: 'Line one\nLine two; with, punctuation \\ and a backslash',
  },
];

describe('icalendar', () => {
  const text = icalendar(events, { name: 'Platform, primary', now: NOW });

  it('writes a published Gregorian calendar with CRLF line endings', () => {
    expect(text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Beacon//On-call//EN\r\n')).toBe(true);
    expect(text).toContain(
      '\r\nCALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\nX-WR-CALNAME:Platform\\, primary\r\n',
    );
    expect(text.endsWith('\r\nEND:VCALENDAR\r\n')).toBe(true);
    expect(text).not.toMatch(/[^\r]\n/);
    expect(text).toContain('\r\nDTSTART:20260328T080000Z\r\nDTEND:20260329T070000Z\r\n');
    expect(text).toContain('\r\nDTSTAMP:20260320T081530Z\r\n');
  });

  it('folds long lines at 75 octets without splitting a UTF-8 character', () => {
    const bytes = new TextEncoder().encode(text);
    const decoder = new TextDecoder('utf-8', { fatal: true });
    let lineStart = 0;
    let folded = 0;
    for (let i = 0; i + 1 < bytes.length; i++) {
      if (bytes[i] !== 0x0d || bytes[i + 1] !== 0x0a) continue;
      const line = bytes.subarray(lineStart, i);
      expect(line.length).toBeLessThanOrEqual(75);
      // A fatal decoder throws if the fold cut a multi-byte character in half.
      const decoded = decoder.decode(line);
      if (decoded.startsWith(' ')) folded++;
      lineStart = i + 2;
    }
    expect(folded).toBeGreaterThanOrEqual(3);
    expect(foldLine('x'.repeat(75))).toBe('x'.repeat(75));
    expect(foldLine('x'.repeat(76))).toBe(`${'x'.repeat(75)}\r\n x`);
    expect(foldLine(`${'x'.repeat(74)}ż`)).toBe(`${'x'.repeat(74)}\r\n ż`);
    expect(foldLine(`${'x'.repeat(73)}🚨`)).toBe(`${'x'.repeat(73)}\r\n 🚨`);
  });

  it('escapes backslashes, semicolons, commas and newlines in text', () => {
    expect(escapeText('a,b;c\\d\ne\r\nf')).toBe('a\\,b\\;c\\\\d\\ne\\nf');
    expect(escapeText('bell\u0007 tab\t')).toBe('bell tab\t');
  });

  it('round-trips through an RFC 5545 reader with UID, DTSTART and DTEND on every event', () => {
    const properties = parseCalendar(text);
    expect(properties[0]).toEqual({ name: 'BEGIN', params: '', value: 'VCALENDAR' });
    expect(properties.at(-1)).toEqual({ name: 'END', params: '', value: 'VCALENDAR' });
    const parsed = eventsOf(properties);
    expect(parsed).toHaveLength(2);
    for (const event of parsed) {
      for (const name of ['UID', 'DTSTAMP', 'DTSTART', 'DTEND', 'SUMMARY'])
        expect(event.has(name), name).toBe(true);
      expect(event.get('DTSTART')).toMatch(/^\d{8}T\d{6}Z$/);
    }
    expect(parsed.map((event) => unescapeText(event.get('UID')!))).toEqual(['a@beacon', 'b@beacon']);
    expect(unescapeText(parsed[1]!.get('SUMMARY')!)).toBe(longSummary);
    expect(unescapeText(parsed[1]!.get('DESCRIPTION')!)).toBe(events[1]!.description);
    expect(parsed[0]!.has('DESCRIPTION')).toBe(false);
  });

  it('reads back with ical.js, the parser of Thunderbird, with text and times intact', () => {
    const calendar = new ICAL.Component(ICAL.parse(text) as unknown[]);
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    const parsed = calendar.getAllSubcomponents('vevent').map((component) => new ICAL.Event(component));
    expect(parsed.map((event) => event.uid)).toEqual(events.map((event) => event.uid));
    expect(parsed.map((event) => event.summary)).toEqual(events.map((event) => event.summary));
    expect(parsed[1]?.description).toBe(events[1]?.description);
    expect(parsed.map((event) => event.startDate.toJSDate().getTime())).toEqual(
      events.map((event) => Math.floor(event.start / 1000) * 1000),
    );
    expect(parsed.map((event) => event.endDate.toJSDate().getTime())).toEqual(
      events.map((event) => Math.floor(event.end / 1000) * 1000),
    );
  });
});

describe('shiftsToEvents', () => {
  const shifts = [
    { userId: 1, start: Date.parse('2026-03-28T08:00Z'), end: Date.parse('2026-03-29T07:00Z'), source: 0 },
    {
      userId: 2,
      start: Date.parse('2026-03-29T07:00Z'),
      end: Date.parse('2026-03-29T12:00Z'),
      source: 'override',
    },
  ] as const;

  it('names the user and schedule and keeps UIDs stable and distinct', () => {
    const names = new Map([[1, 'Ada Lovelace']]);
    const [first, second] = shiftsToEvents([...shifts], names, 'Platform primary');
    expect(first).toMatchObject({
      summary: 'On call: Ada Lovelace (Platform primary)',
      start: shifts[0].start,
    });
    expect(first?.description).toContain('layer 1');
    expect(second?.summary).toBe('On call: user 2 (Platform primary)');
    expect(second?.description).toContain('override');
    expect(shiftsToEvents([...shifts], names, 'Platform primary')[0]?.uid).toBe(first?.uid);
    expect(first?.uid).not.toBe(second?.uid);
    const [cyrillic] = shiftsToEvents([...shifts], names, 'Дежурство');
    const [greek] = shiftsToEvents([...shifts], names, 'Εφημερία');
    expect(cyrillic?.uid).not.toBe(greek?.uid);
  });
});
