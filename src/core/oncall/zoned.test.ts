import { describe, expect, it } from 'vitest';
import { addLocalDays, instantToZoned, isValidTimeZone, weekdayOf, zonedToInstant } from './zoned.js';

/** An instant written with its local offset, normalised for comparison. */
const iso = (text: string): string => new Date(text).toISOString();
const toIso = (ms: number): string => new Date(ms).toISOString();

describe('zonedToInstant', () => {
  it.each([
    ['2026-01-15', '09:00', 'Europe/Warsaw', '2026-01-15T09:00+01:00'],
    ['2026-07-15', '09:00', 'Europe/Warsaw', '2026-07-15T09:00+02:00'],
    ['2026-07-15', '09:00', 'America/New_York', '2026-07-15T09:00-04:00'],
    ['2026-07-15', '00:00', 'Asia/Kathmandu', '2026-07-15T00:00+05:45'],
    ['2026-07-15', '23:59', 'UTC', '2026-07-15T23:59Z'],
  ])('reads %s %s in %s as %s', (date, time, zone, expected) => {
    expect(toIso(zonedToInstant(date, time, zone))).toBe(iso(expected));
  });

  it.each([
    // Spring forward: local times in the jump move to the first valid instant, the jump itself.
    ['2026-03-29', '01:59', 'Europe/Warsaw', '2026-03-29T01:59+01:00'],
    ['2026-03-29', '02:00', 'Europe/Warsaw', '2026-03-29T03:00+02:00'],
    ['2026-03-29', '02:30', 'Europe/Warsaw', '2026-03-29T03:00+02:00'],
    ['2026-03-29', '02:59', 'Europe/Warsaw', '2026-03-29T03:00+02:00'],
    ['2026-03-29', '03:00', 'Europe/Warsaw', '2026-03-29T03:00+02:00'],
    ['2026-03-08', '02:30', 'America/New_York', '2026-03-08T03:00-04:00'],
    // Lord Howe Island moves its clocks by 30 minutes (02:00 → 02:30).
    ['2026-10-04', '02:15', 'Australia/Lord_Howe', '2026-10-04T02:30+11:00'],
  ])('moves nonexistent %s %s in %s forward to %s', (date, time, zone, expected) => {
    expect(toIso(zonedToInstant(date, time, zone))).toBe(iso(expected));
  });

  it.each([
    // Fall back: an ambiguous local time takes its first occurrence, still on summer time.
    ['2026-10-25', '02:00', 'Europe/Warsaw', '2026-10-25T02:00+02:00'],
    ['2026-10-25', '02:30', 'Europe/Warsaw', '2026-10-25T02:30+02:00'],
    ['2026-10-25', '03:00', 'Europe/Warsaw', '2026-10-25T03:00+01:00'],
    ['2026-11-01', '01:00', 'America/New_York', '2026-11-01T01:00-04:00'],
    ['2026-11-01', '01:30', 'America/New_York', '2026-11-01T01:30-04:00'],
    ['2026-11-01', '02:00', 'America/New_York', '2026-11-01T02:00-05:00'],
    ['2026-04-05', '02:30', 'Australia/Sydney', '2026-04-05T02:30+11:00'],
  ])('resolves ambiguous %s %s in %s to the first occurrence %s', (date, time, zone, expected) => {
    expect(toIso(zonedToInstant(date, time, zone))).toBe(iso(expected));
  });

  it('rejects unknown zones, bad times and bad dates with a clear error', () => {
    expect(() => zonedToInstant('2026-01-01', '09:00', 'Mars/Olympus')).toThrow(/unknown IANA time zone/);
    expect(() => zonedToInstant('2026-01-01', '24:00', 'UTC')).toThrow(/HH:MM/);
    expect(() => zonedToInstant('2026-01-01', '9:00', 'UTC')).toThrow(/HH:MM/);
    expect(() => zonedToInstant('2026-01-01', '12:60', 'UTC')).toThrow(/HH:MM/);
    expect(() => zonedToInstant('2026-02-30', '09:00', 'UTC')).toThrow(/YYYY-MM-DD/);
    expect(() => zonedToInstant('26-01-01', '09:00', 'UTC')).toThrow(/YYYY-MM-DD/);
  });
});

describe('instantToZoned', () => {
  it('gives the local date, time and weekday', () => {
    expect(instantToZoned(Date.parse('2026-03-29T00:59Z'), 'Europe/Warsaw')).toEqual({
      date: '2026-03-29',
      time: '01:59',
      weekday: 'sun',
    });
    expect(instantToZoned(Date.parse('2026-03-29T01:00Z'), 'Europe/Warsaw').time).toBe('03:00');
    expect(instantToZoned(Date.parse('2026-01-01T03:00Z'), 'America/New_York')).toEqual({
      date: '2025-12-31',
      time: '22:00',
      weekday: 'wed',
    });
  });

  it('reads both occurrences of a repeated hour as the same wall time', () => {
    expect(instantToZoned(Date.parse('2026-11-01T05:30Z'), 'America/New_York').time).toBe('01:30');
    expect(instantToZoned(Date.parse('2026-11-01T06:30Z'), 'America/New_York').time).toBe('01:30');
  });

  it.each([
    ['Europe/Warsaw', ['2026-10-25T02:00+01:00', '2026-10-25T02:30+01:00']],
    ['America/New_York', ['2026-11-01T01:00-05:00', '2026-11-01T01:30-05:00']],
    // Lord Howe repeats only half an hour (02:00 → 01:30).
    ['Australia/Lord_Howe', ['2026-04-05T01:30+10:30']],
  ])(
    'round-trips every half hour of 2026 in %s, except the second pass of a repeated time',
    (zone, repeated) => {
      const start = Date.parse('2026-01-01T00:00Z');
      const end = Date.parse('2027-01-01T00:00Z');
      const mismatches: string[] = [];
      const secondPasses: string[] = [];
      for (let t = start; t < end; t += 1_800_000) {
        const local = instantToZoned(t, zone);
        const back = zonedToInstant(local.date, local.time, zone);
        const again = instantToZoned(back, zone);
        if (again.date !== local.date || again.time !== local.time) mismatches.push(toIso(t));
        // Only the later reading of an ambiguous time may differ, and it maps to the earlier one.
        if (back !== t) secondPasses.push(toIso(t));
        if (back !== t && back >= t) mismatches.push(toIso(t));
      }
      expect(mismatches).toEqual([]);
      expect(secondPasses).toEqual(repeated.map(iso));
    },
  );
});

describe('calendar helpers', () => {
  it('adds local days across month, year and leap-day boundaries', () => {
    expect(addLocalDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addLocalDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addLocalDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addLocalDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addLocalDays('2026-03-29', 7)).toBe('2026-04-05');
  });

  it('names weekdays', () => {
    expect(weekdayOf('2026-03-29')).toBe('sun');
    expect(weekdayOf('2026-03-23')).toBe('mon');
    expect(weekdayOf('1969-12-31')).toBe('wed');
  });

  it('knows which time zones exist', () => {
    expect(isValidTimeZone('Europe/Warsaw')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
  });
});
