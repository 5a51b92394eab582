/**
 * A number typed into a text box: null when the box is empty, NaN when it holds no number (the
 * server names the field then), else the number.
 */
export function numberOrNull(text: string): number | null {
  return text.trim() === '' ? null : Number(text);
}
