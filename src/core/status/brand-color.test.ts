import { describe, expect, it } from 'vitest';
import { MIN_CONTRAST, contrastRatio, readableBrandColor } from './brand-color.js';
import { BANNER_COLORS, STATUS_COLORS } from './status-html-layout.js';

describe('brand colour', () => {
  it('computes WCAG contrast', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });

  it('keeps a dark brand colour, darkens a light one until white text on it reads', () => {
    expect(readableBrandColor('#1a4d8f')).toBe('#1a4d8f');
    const yellow = readableBrandColor('#ffd400');
    expect(yellow).not.toBe('#ffd400');
    expect(contrastRatio(yellow, '#ffffff')).toBeGreaterThanOrEqual(MIN_CONTRAST);
    expect(contrastRatio(readableBrandColor('#ffffff'), '#ffffff')).toBeGreaterThanOrEqual(MIN_CONTRAST);
    expect(readableBrandColor('red')).toBe('#1f6feb');
  });

  it('every status and banner colour reaches 4.5:1 with white', () => {
    for (const color of [...Object.values(STATUS_COLORS), ...Object.values(BANNER_COLORS)])
      expect(contrastRatio(color, '#ffffff'), color).toBeGreaterThanOrEqual(MIN_CONTRAST);
  });
});
