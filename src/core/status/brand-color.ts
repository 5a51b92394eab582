/**
 * The brand colour as the page may use it: white text on it and it as text on white must
 * reach WCAG's 4.5:1 contrast, so a colour too light is darkened until it does.
 */

/** WCAG's minimum contrast for normal text. */
export const MIN_CONTRAST = 4.5;

const FALLBACK = '#1f6feb';

function channels(hex: string): [number, number, number] | undefined {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) return undefined;
  return [parseInt(match[1] ?? '0', 16), parseInt(match[2] ?? '0', 16), parseInt(match[3] ?? '0', 16)];
}

function linear(channel: number): number {
  const c = channel / 255;
  return c <= 0.039_28 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** WCAG relative luminance of `#rrggbb`. */
export function luminance(hex: string): number {
  const [r, g, b] = channels(hex) ?? [0, 0, 0];
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** WCAG contrast ratio of two `#rrggbb` colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

const hex2 = (n: number): string => Math.round(n).toString(16).padStart(2, '0');

/**
 * The brand colour itself when white text on it reaches 4.5:1, else the same hue darkened
 * step by step until it does; an unreadable setting falls back to Beacon's blue.
 */
export function readableBrandColor(brand: string): string {
  const rgb = channels(brand);
  if (!rgb) return FALLBACK;
  for (let factor = 1; factor > 0; factor -= 0.02) {
    const shade = `#${rgb.map((c) => hex2(c * factor)).join('')}`;
    if (contrastRatio(shade, '#ffffff') >= MIN_CONTRAST) return shade;
  }
  return '#000000';
}
