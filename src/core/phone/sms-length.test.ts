import { describe, expect, it } from 'vitest';
import { clipToSegments, smsSize } from './sms-length.js';

describe('smsSize', () => {
  it('counts GSM 03.38 text in septets: 160 in one segment, 153 per segment beyond', () => {
    expect(smsSize('a'.repeat(160))).toEqual({ encoding: 'gsm', units: 160, segments: 1 });
    expect(smsSize('a'.repeat(161))).toEqual({ encoding: 'gsm', units: 161, segments: 2 });
    expect(smsSize('a'.repeat(306)).segments).toBe(2);
    expect(smsSize('a'.repeat(307)).segments).toBe(3);
  });

  it('counts the extension table (€, [, ], {, }, ~, ^, |, \\) as two septets', () => {
    expect(smsSize('€[]').units).toBe(6);
    expect(smsSize('é ñ ü Ä £ @').encoding).toBe('gsm');
  });

  it('switches to UCS-2 for one character outside GSM: 70 in one segment, 67 beyond', () => {
    expect(smsSize('Disk full ✗')).toEqual({ encoding: 'ucs2', units: 11, segments: 1 });
    expect(smsSize(`${'a'.repeat(69)}…`).segments).toBe(1);
    expect(smsSize(`${'a'.repeat(70)}…`).segments).toBe(2);
    expect(smsSize('🔥'.repeat(35))).toEqual({ encoding: 'ucs2', units: 70, segments: 1 });
  });
});

describe('clipToSegments', () => {
  it('keeps a text that fits', () => {
    expect(clipToSegments('short', 1)).toBe('short');
  });

  it('cuts a GSM text to 160 septets ending with ...', () => {
    const cut = clipToSegments('word '.repeat(60), 1);
    expect(cut.endsWith('...')).toBe(true);
    expect(smsSize(cut)).toMatchObject({ encoding: 'gsm', segments: 1 });
    expect(cut.length).toBeGreaterThan(150);
  });

  it('cuts a UCS-2 text to 70 units without splitting an emoji', () => {
    const cut = clipToSegments('🔥'.repeat(100), 1);
    expect(smsSize(cut)).toMatchObject({ encoding: 'ucs2', segments: 1 });
    expect(cut).toBe(`${'🔥'.repeat(34)}…`);
  });
});
