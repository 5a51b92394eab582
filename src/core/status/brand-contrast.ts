/*
 * How readable a status page's brand colour is on the page's white background (WCAG 2 contrast
 * ratio), so the settings form can warn before customers squint at pale links and headers.
 */

/** The contrast WCAG asks of normal-size text (level AA). */
export const TEXT_CONTRAST_MINIMUM = 4.5;

/** Relative luminance of an sRGB channel value 0..255 (WCAG 2). */
function channel(value: number): number {
  const c = value / 255;
  return c <= 0.039_28 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** Relative luminance of `#rrggbb`, or null when it is not such a colour. */
export function luminanceOf(hex: string): number | null {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim());
  if (!match) return null;
  const [r, g, b] = [match[1], match[2], match[3]].map((part) => channel(parseInt(part ?? '0', 16)));
  return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
}

/** The contrast ratio of `#rrggbb` against white (1 to 21), or null for anything else. */
export function contrastOnWhite(hex: string): number | null {
  const luminance = luminanceOf(hex);
  return luminance === null ? null : 1.05 / (luminance + 0.05);
}

/** Whether text in the colour is readable on white, with the ratio rounded down to one decimal. */
export function brandContrast(hex: string): { ratio: number; isReadable: boolean } | null {
  const ratio = contrastOnWhite(hex);
  if (ratio === null) return null;
  return { ratio: Math.floor(ratio * 10) / 10, isReadable: ratio >= TEXT_CONTRAST_MINIMUM };
}
