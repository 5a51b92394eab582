/** Escape text for HTML element content and quoted attributes. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Escape text for XML content and quoted attributes (TwiML, feeds): the same references are valid XML. */
export const escapeXml = escapeHtml;
