import type { IncomingMessage, ServerResponse } from 'node:http';
import { STATUSPAGE_ENDPOINTS } from '../../../core/status/statuspage-json.js';
import type { RenderedFile, RenderedStatus } from './rendered-status.js';
import type { StatusSnapshotCache } from './snapshot-cache.js';
import { PUBLIC_CACHE, STATUS_BASE, type StatusKind, isNotModified } from './status-reply.js';

/** One file's two replies as flat header lists for `writeHead`, built once per snapshot. */
interface PreparedReply {
  etag: string;
  body: Buffer;
  ok: string[];
  notModified: string[];
  /** Fastify's HEAD route sends a 304 with `content-length: 0`; so does the fast path. */
  notModifiedHead: string[];
}

const ITEM_PAGES = [
  { prefix: `${STATUS_BASE}/incidents/`, pick: (page: RenderedStatus, id: string) => page.incidentPage(id) },
  {
    prefix: `${STATUS_BASE}/maintenances/`,
    pick: (page: RenderedStatus, id: string) => page.maintenancePage(id),
  },
];

/**
 * The public status page answered from the server's request listener, ahead of Fastify's
 * routing: GET and HEAD of a public page's pre-rendered files, with the headers the status
 * routes send (the app's security headers included) built once per snapshot, and 304 on a
 * matching `If-None-Match`. Everything else — a private page, a page not loaded yet, a path
 * with no file (the 404s), any other method — goes on to Fastify and its status routes.
 */
export class StatusFastPath {
  /** Requests answered here (tests and benchmarks read it). */
  served = 0;
  private preparedFor: RenderedStatus | undefined;
  private prepared = new Map<string, PreparedReply>();
  private isClosed = false;

  constructor(
    private readonly cache: () => StatusSnapshotCache | undefined,
    /** The app's security headers (`securityHeaderPairs`), lower-case. */
    private readonly securityHeaders: readonly (readonly [string, string])[],
  ) {}

  /** Answer `request` if it is a public page's file; false leaves it to Fastify. */
  answer(request: IncomingMessage, response: ServerResponse): boolean {
    const { method } = request;
    if ((method !== 'GET' && method !== 'HEAD') || this.isClosed) return false;
    const page = this.cache()?.peek();
    if (!page || page.isPrivate) return false;
    const url = request.url ?? '';
    const query = url.indexOf('?');
    const reply = this.replyFor(page, query === -1 ? url : url.slice(0, query));
    if (!reply) return false;
    this.served += 1;
    const ifNoneMatch = request.headers['if-none-match'];
    if (ifNoneMatch !== undefined && isNotModified(ifNoneMatch, reply.etag)) {
      response.writeHead(304, method === 'HEAD' ? reply.notModifiedHead : reply.notModified).end();
    } else {
      response.writeHead(200, reply.ok).end(method === 'HEAD' ? undefined : reply.body);
    }
    return true;
  }

  /** From now on, hand every request to Fastify (which refuses them while it closes). */
  close(): void {
    this.isClosed = true;
  }

  private replyFor(page: RenderedStatus, path: string): PreparedReply | undefined {
    if (page !== this.preparedFor) this.prepare(page);
    const found = this.prepared.get(path);
    if (found) return found;
    for (const { prefix, pick } of ITEM_PAGES) {
      if (!path.startsWith(prefix)) continue;
      const id = path.slice(prefix.length);
      // Anything Fastify's router would decode or refuse is left to it.
      if (id === '' || /[/%]/.test(id)) return undefined;
      const file = pick(page, id);
      if (!file) return undefined;
      const reply = this.build(page, file, 'html');
      this.prepared.set(path, reply);
      return reply;
    }
    return undefined;
  }

  private prepare(page: RenderedStatus): void {
    this.preparedFor = page;
    this.prepared = new Map([
      [STATUS_BASE, this.build(page, page.home, 'html')],
      [`${STATUS_BASE}/history`, this.build(page, page.history, 'html')],
      [`${STATUS_BASE}/history.atom`, this.build(page, page.atom, 'feed')],
      [`${STATUS_BASE}/history.rss`, this.build(page, page.rss, 'feed')],
      ...STATUSPAGE_ENDPOINTS.flatMap((endpoint) => {
        const file = page.json.get(endpoint);
        return file ? [[`${STATUS_BASE}/api/v2/${endpoint}`, this.build(page, file, 'json')] as const] : [];
      }),
    ]);
  }

  /** The headers in the order the status routes send them: security, cache, CORS or CSP, type. */
  private build(page: RenderedStatus, file: RenderedFile, kind: StatusKind): PreparedReply {
    const headers = new Map(this.securityHeaders);
    headers.set('etag', file.etag);
    headers.set('cache-control', PUBLIC_CACHE);
    headers.set('vary', 'Cookie, Authorization');
    if (kind === 'html') headers.set('content-security-policy', page.csp);
    else {
      headers.set('access-control-allow-origin', '*');
      headers.set('access-control-expose-headers', 'ETag');
      headers.set('cross-origin-resource-policy', 'cross-origin');
    }
    const notModified = [...headers].flat();
    const notModifiedHead = [...notModified, 'content-length', '0'];
    headers.set('content-type', file.contentType);
    headers.set('content-length', String(file.body.length));
    return { etag: file.etag, body: file.body, ok: [...headers].flat(), notModified, notModifiedHead };
  }
}
