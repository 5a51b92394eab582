/** A link a page carries from its alert (runbook, source), http(s) only. */
export interface PageLink {
  label: string;
  url: string;
}

/**
 * What a responder needs to act on a page without opening Beacon first, read when the
 * message is sent (not when it was queued), so "acknowledged by" and "also paged" are current.
 */
export interface PageContext {
  /** Names of the incident's services. */
  services: string[];
  /** The newest alert of the incident, when it came from one. */
  alert: { summary: string; labels: Array<[string, string]>; links: PageLink[] } | null;
  /** When the incident started (epoch ms). */
  firedAt: number;
  /** Other people paged for the incident (not the recipient). */
  alsoPaged: string[];
  /** Who acknowledged it and when, if someone did. */
  acknowledged: { by: string | null; at: number } | null;
  /** The most similar past incident, when one is close (what fixed it last time). */
  similar?: { ref: string; rootCause: string | null } | null;
}

/** Labels shown on a page, in this order, when the alert has them. */
const KEY_LABELS = [
  'alertname',
  'severity',
  'service',
  'job',
  'instance',
  'namespace',
  'cluster',
  'env',
  'environment',
  'region',
  'pod',
  'host',
];
/** Labels on one page at most: enough to tell the alert apart, short enough for a phone. */
const MAX_LABELS = 6;

/** The alert's labels worth showing on a page: well-known keys first, then none of the rest. */
export function keyLabels(labels: Readonly<Record<string, string>>): Array<[string, string]> {
  const shown: Array<[string, string]> = [];
  for (const key of KEY_LABELS) {
    const value = labels[key];
    if (value !== undefined && value !== '') shown.push([key, value]);
    if (shown.length === MAX_LABELS) break;
  }
  return shown;
}

/** Only http(s) links may reach a page: an alert's text is the sender's, not ours. */
export function isWebLink(url: string): boolean {
  return /^https?:\/\/[^\s]+$/i.test(url);
}

/**
 * `url` as a page may carry it: http(s) only, with the characters that end a link in chat
 * markup (`|`, `<`, `>`, parentheses, quotes) percent-encoded; undefined for anything else.
 */
export function pageLinkUrl(url: string): string | undefined {
  if (!isWebLink(url)) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  return parsed.href.replace(/[|<>()"'`[\]]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}
