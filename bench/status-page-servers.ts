/**
 * The two servers of the status-page benchmark, each run in its own process by
 * `bench/status-page.ts`:
 *   tsx bench/status-page-servers.ts beacon <port> <dir>
 *     Beacon's HTTP side as `beacon serve` builds it (SQLite in <dir>, logging at warn), its
 *     status page on the test fixture (groups, 90-day bars, incidents, maintenance).
 *   tsx bench/status-page-servers.ts bare <port> <dir>
 *     A bare Node `http` server answering each path with the bytes of <dir>/<n>.body, as
 *     <dir>/files.json lists them: the same bytes Beacon sends, with nothing else to do.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { systemClock } from '../src/core/clock.js';
import { openAppContext } from '../src/server/app-context.js';
import { loadConfig } from '../src/server/config.js';
import { ChangeFeed } from '../src/server/engine/change-feed.js';
import { StatusSnapshotCache } from '../src/server/http/status-public/snapshot-cache.js';
import { loggerOptions } from '../src/server/http/logger-options.js';
import { ingestQueueFor } from '../src/server/ingest/ingest-queue.js';
import { buildServerApp } from '../src/server/server-app.js';
import { statusFixture } from '../test/support/status/status-fixture.js';

/** A path and what the bare server answers it with. */
export interface BareFile {
  path: string;
  contentType: string;
  file: string;
}

const [kind, portText, dir] = process.argv.slice(2);
const port = Number(portText);
if (!dir || !Number.isInteger(port) || (kind !== 'beacon' && kind !== 'bare')) {
  console.error('usage: tsx bench/status-page-servers.ts beacon|bare <port> <dir>');
  process.exit(2);
}

if (kind === 'beacon') {
  const config = loadConfig({ BEACON_DATA_DIR: dir, LOG_LEVEL: 'warn' });
  const ctx = await openAppContext({ databaseUrl: path.join(dir, 'beacon.sqlite') }, { clock: systemClock });
  const feed = new ChangeFeed(ctx.store.db);
  const snapshot = statusFixture();
  const statusCache = new StatusSnapshotCache(
    { load: () => Promise.resolve(snapshot), version: () => Promise.resolve(1) },
    { clock: systemClock, changes: feed },
  );
  const app = await buildServerApp(
    ctx,
    config,
    { feed, ingest: ingestQueueFor(ctx), statusCache },
    loggerOptions('warn'),
  );
  await feed.start();
  await app.listen({ host: '127.0.0.1', port });
} else {
  const files = JSON.parse(fs.readFileSync(path.join(dir, 'files.json'), 'utf8')) as BareFile[];
  const bodies = new Map(
    files.map((f) => [f.path, { type: f.contentType, body: fs.readFileSync(path.join(dir, f.file)) }]),
  );
  http
    .createServer((request, response) => {
      const found = bodies.get(request.url ?? '');
      if (!found) {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(200, { 'content-type': found.type, 'content-length': found.body.length });
      response.end(found.body);
    })
    .listen(port, '127.0.0.1');
}
console.log('READY');
