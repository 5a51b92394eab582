import { createHash } from 'node:crypto';
import { atomFeed, rssFeed } from '../../../core/status/feeds.js';
import type {
  PublicIncidentView,
  ScheduledMaintenanceView,
  StatusPageSnapshot,
} from '../../../core/status/snapshot.js';
import { statusCss } from '../../../core/status/status-html-layout.js';
import { historyPageHtml, incidentPageHtml, notFoundPageHtml } from '../../../core/status/status-html.js';
import { statusHomeHtml } from '../../../core/status/status-html.js';
import {
  STATUSPAGE_ENDPOINTS,
  type StatuspageEndpoint,
  statuspageJson,
} from '../../../core/status/statuspage-json.js';
import { statusPageCsp } from '../../commands/status/page-csp.js';

/** One response body, rendered once per snapshot and sent as is to every request. */
export interface RenderedFile {
  body: Buffer;
  /** Strong validator: the snapshot's version and a hash of the bytes. */
  etag: string;
  contentType: string;
}

const HTML = 'text/html; charset=utf-8';

function file(version: number, text: string, contentType: string): RenderedFile {
  const body = Buffer.from(text, 'utf8');
  const hash = createHash('sha256').update(body).digest('base64url').slice(0, 22);
  return { body, etag: `"${version}-${hash}"`, contentType };
}

/**
 * Everything the status routes send for one snapshot: the JSON endpoints, the feeds and the
 * HTML pages (incident pages on first request), each rendered once and kept with its ETag.
 */
export class RenderedStatus {
  readonly json = new Map<StatuspageEndpoint, RenderedFile>();
  readonly home: RenderedFile;
  readonly history: RenderedFile;
  readonly notFound: RenderedFile;
  readonly atom: RenderedFile;
  readonly rss: RenderedFile;
  /** The HTML pages' Content-Security-Policy: their one stylesheet by hash, the logo's origin. */
  readonly csp: string;
  private readonly css: string;
  private readonly incidentPages = new Map<string, RenderedFile>();

  constructor(
    readonly snapshot: StatusPageSnapshot,
    readonly version: number,
  ) {
    for (const endpoint of STATUSPAGE_ENDPOINTS) {
      const text = JSON.stringify(statuspageJson(snapshot, endpoint));
      this.json.set(endpoint, file(version, text, 'application/json; charset=utf-8'));
    }
    this.css = statusCss(snapshot.page.brandColor);
    this.csp = statusPageCsp(this.css, snapshot.page.logoUrl);
    this.home = file(version, statusHomeHtml(snapshot, this.css), HTML);
    this.history = file(version, historyPageHtml(snapshot, this.css), HTML);
    this.notFound = file(version, notFoundPageHtml(snapshot, this.css), HTML);
    this.atom = file(version, atomFeed(snapshot), 'application/atom+xml; charset=utf-8');
    this.rss = file(version, rssFeed(snapshot), 'application/rss+xml; charset=utf-8');
  }

  get isPrivate(): boolean {
    return this.snapshot.isPrivate;
  }

  /** The page of an incident on this page; undefined when there is none. */
  incidentPage(id: string): RenderedFile | undefined {
    return this.itemPage(`incident:${id}`, () => this.snapshot.incidents.find((i) => i.id === id));
  }

  /** The page of a scheduled maintenance on this page; undefined when there is none. */
  maintenancePage(id: string): RenderedFile | undefined {
    return this.itemPage(`maintenance:${id}`, () => this.snapshot.maintenances.find((m) => m.id === id));
  }

  private itemPage(
    key: string,
    find: () => PublicIncidentView | ScheduledMaintenanceView | undefined,
  ): RenderedFile | undefined {
    const cached = this.incidentPages.get(key);
    if (cached) return cached;
    const item = find();
    if (!item) return undefined;
    const rendered = file(this.version, incidentPageHtml(this.snapshot, this.css, item), HTML);
    this.incidentPages.set(key, rendered);
    return rendered;
  }
}
