import type { PageContext, PageLink } from '../../core/schemas/page-context.js';

// The facts a page carries about one incident, as label/value pairs every channel renders in
// its own way (text lines, HTML rows, Slack mrkdwn, a Teams FactSet, push notification lines).

/** One line of a page: `Service: checkout`. */
export interface PageFact {
  label: string;
  value: string;
}

/** The facts of one incident's context, in the order a responder reads them. */
export function pageFacts(context: PageContext | undefined, now: number): PageFact[] {
  if (!context) return [];
  const facts: PageFact[] = [];
  if (context.services.length > 0) facts.push({ label: 'Service', value: context.services.join(', ') });
  if (context.alert) {
    facts.push({ label: 'Alert', value: context.alert.summary });
    if (context.alert.labels.length > 0)
      facts.push({
        label: 'Labels',
        value: context.alert.labels.map(([key, value]) => `${key}=${value}`).join(', '),
      });
  }
  if (context.similar) {
    const cause = context.similar.rootCause?.replace(/\s+/g, ' ').trim();
    const short = cause && cause.length > 120 ? `${cause.slice(0, 119)}…` : cause;
    facts.push({
      label: 'Similar',
      value: short ? `${context.similar.ref} (root cause: ${short})` : context.similar.ref,
    });
  }
  facts.push({ label: 'Fired', value: `${utcTime(context.firedAt)} (${ago(now - context.firedAt)})` });
  facts.push({
    label: 'Also paged',
    value: context.alsoPaged.length > 0 ? context.alsoPaged.join(', ') : 'nobody else yet',
  });
  facts.push({
    label: 'Acknowledged',
    value: context.acknowledged
      ? `by ${context.acknowledged.by ?? 'someone'} at ${utcTime(context.acknowledged.at)}`
      : 'not yet',
  });
  return facts;
}

/** The alert's runbook and source links (http(s) only, checked when read). */
export function pageLinks(context: PageContext | undefined): PageLink[] {
  return context?.alert?.links ?? [];
}

/** `2026-01-02 03:04 UTC`: a page's reader may be anywhere, so times say their zone. */
export function utcTime(at: number): string {
  return `${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** `just now`, `12 min ago`, `3 h 5 min ago`, `2 d ago`. */
export function ago(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h${minutes % 60 ? ` ${minutes % 60} min` : ''} ago`;
  return `${Math.floor(hours / 24)} d ago`;
}
