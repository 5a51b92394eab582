import type { ChangeFeed } from './change-feed.js';

/** Long-lived parts the HTTP routes use besides the context. */
export interface EngineServices {
  feed: ChangeFeed;
}
