/** The sections of a review, in order, with their headings. */
export const REVIEW_SECTIONS = [
  { id: 'summary', heading: 'Summary' },
  { id: 'impact', heading: 'Customer impact' },
  { id: 'timeline', heading: 'Timeline' },
  { id: 'root_cause', heading: 'Root cause and contributing factors' },
  { id: 'detection', heading: 'Detection' },
  { id: 'response', heading: 'Response' },
  { id: 'went_well', heading: 'What went well' },
  { id: 'went_badly', heading: 'What went badly' },
  { id: 'lucky', heading: 'Where we were lucky' },
  { id: 'follow_ups', heading: 'Follow-up actions' },
] as const;

export type ReviewSectionId = (typeof REVIEW_SECTIONS)[number]['id'];

export const REVIEW_SECTION_IDS = REVIEW_SECTIONS.map((s) => s.id) as [ReviewSectionId, ...ReviewSectionId[]];

/**
 * `body` with the section headed like `sectionId` replaced by `replacement` (a whole section,
 * heading included); appended when the body has no such heading.
 */
export function replaceSection(body: string, sectionId: ReviewSectionId, replacement: string): string {
  const heading = REVIEW_SECTIONS.find((s) => s.id === sectionId)?.heading ?? sectionId;
  const lines = body.split('\n');
  const start = lines.findIndex(
    (line) => /^##\s+/.test(line) && line.replace(/^##\s+/, '').trim() === heading,
  );
  if (start === -1) return `${body.trimEnd()}\n\n${replacement.trim()}\n`;
  let end = lines.findIndex((line, i) => i > start && /^#{1,2}\s+/.test(line));
  if (end === -1) end = lines.length;
  const before = lines.slice(0, start).join('\n');
  const after = lines.slice(end).join('\n');
  return (
    [before.trimEnd(), replacement.trim(), after.trimStart()].filter((part) => part !== '').join('\n\n') +
    '\n'
  );
}
