/**
 * The Beacon server as `beacon serve` runs it, plus a PostgreSQL schema (BEACON_BENCH_SCHEMA),
 * which the server's configuration has no setting for. Spawned by incident-list.ts.
 */
import { loadConfig } from '../src/server/config.js';
import { startServer } from '../src/server/main.js';

const schema = process.env.BEACON_BENCH_SCHEMA;
const server = await startServer(loadConfig(), schema ? { schema } : {});
const stop = () => {
  server.close().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
