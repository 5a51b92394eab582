import { describe, expect, it } from 'vitest';
import { brandContrast, contrastOnWhite } from './brand-contrast.js';

describe('brandContrast', () => {
  it('measures the WCAG contrast of a colour on white', () => {
    expect(contrastOnWhite('#000000')).toBeCloseTo(21, 5);
    expect(contrastOnWhite('#FFFFFF')).toBeCloseTo(1, 5);
    // #767676 is the lightest grey that passes AA on white (4.54:1).
    expect(brandContrast('#767676')).toEqual({ ratio: 4.5, isReadable: true });
    expect(brandContrast('#777777')).toEqual({ ratio: 4.4, isReadable: false });
    expect(brandContrast('#1f6feb')?.isReadable).toBe(true);
    expect(brandContrast('#ffcc00')).toEqual({ ratio: 1.5, isReadable: false });
  });

  it('answers null for anything but #rrggbb', () => {
    for (const text of ['', '#fff', 'blue', '#12345g', '#1234567']) expect(brandContrast(text)).toBeNull();
  });
});
