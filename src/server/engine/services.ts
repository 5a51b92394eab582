import type { ChangeFeed } from './change-feed.js';
import type { IngestQueue } from './ingest-queue.js';

/** Long-lived parts the HTTP routes use besides the context. */
export interface EngineServices {
  feed: ChangeFeed;
  ingest: IngestQueue;
}
