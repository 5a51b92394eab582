// An SMS is 140 bytes: 160 characters of the GSM 03.38 alphabet, or 70 UTF-16 units (UCS-2)
// as soon as one character lies outside it. Longer texts are split into segments of 153 or 67
// and billed per segment, so pages are measured before they are sent.

const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
/** Characters of the GSM extension table: each is sent as an escape and a code (two septets). */
const GSM_EXTENDED = '^{}\\[~]|€\f';

const BASIC = new Set(GSM_BASIC);
const EXTENDED = new Set(GSM_EXTENDED);

/** How an SMS text is encoded and how many units of that encoding it takes. */
export interface SmsSize {
  encoding: 'gsm' | 'ucs2';
  /** Septets (GSM) or UTF-16 code units (UCS-2). */
  units: number;
  /** Segments the text is sent (and billed) as. */
  segments: number;
}

/** The encoding, length and segment count of `text` as an SMS. */
export function smsSize(text: string): SmsSize {
  let septets = 0;
  for (const char of text) {
    if (BASIC.has(char)) septets += 1;
    else if (EXTENDED.has(char)) septets += 2;
    else return sized('ucs2', text.length);
  }
  return sized('gsm', septets);
}

function sized(encoding: SmsSize['encoding'], units: number): SmsSize {
  const [single, multi] = encoding === 'gsm' ? [160, 153] : [70, 67];
  return { encoding, units, segments: units <= single ? 1 : Math.ceil(units / multi) };
}

/** Units one SMS segment holds in `encoding` when the text is one segment. */
export function singleSegmentUnits(encoding: SmsSize['encoding']): number {
  return encoding === 'gsm' ? 160 : 70;
}

/**
 * `text` cut so it fits `segments` segments, ending with `…` when cut (which itself forces
 * UCS-2, so a GSM text is cut with `...`).
 */
export function clipToSegments(text: string, segments: number): string {
  if (smsSize(text).segments <= segments) return text;
  return longestPrefix(text, (prefix) => smsSize(prefix).segments <= segments) ?? '';
}

/**
 * The longest cut of `text` (whole characters, emoji and accents kept together) that, with an
 * ellipsis, still `fits`; undefined when not even the ellipsis alone fits.
 */
export function longestPrefix(text: string, fits: (cut: string) => boolean): string | undefined {
  const chars = Array.from(new Intl.Segmenter().segment(text), (part) => part.segment);
  const ellipsis = smsSize(text).encoding === 'gsm' ? '...' : '…';
  const cut = (length: number) => chars.slice(0, length).join('').trimEnd() + ellipsis;
  if (!fits(cut(0))) return undefined;
  let low = 0;
  let high = chars.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (fits(cut(mid))) low = mid;
    else high = mid - 1;
  }
  return cut(low);
}
