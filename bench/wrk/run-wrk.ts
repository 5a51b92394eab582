/**
 * Runs `wrk` (Debian's package) with `requests.lua` and reads its result line. The load
 * generator is a separate C program, so it costs a fraction of the CPU a Node client would
 * and the server under test saturates first.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'requests.lua');
export const WRK_BIN = process.env.WRK_BIN ?? 'wrk';

/** What requests.lua sends: see its header. */
export type WrkRequests =
  | { mode: 'post-file'; file: string; authorization?: string }
  | { mode: 'post-template'; file: string; firstId: number }
  | { mode: 'get-file'; file: string; authorization?: string };

export interface WrkOptions {
  /** Scheme, host and port (and, for POSTs, the path). */
  url: string;
  requests: WrkRequests;
  threads: number;
  connections: number;
  seconds: number;
  /** Per-request timeout (wrk's default is 2 s; slow batch cases need more). */
  timeoutSeconds?: number;
}

export interface WrkResult {
  requests: number;
  /** Requests answered with a status outside 2xx/3xx. */
  non2xx: number;
  /** Socket errors and timeouts. */
  socketErrors: number;
  seconds: number;
  requestsPerSecond: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  /** wrk's command line, for the record. */
  command: string;
}

interface RawResult {
  requests: number;
  durationUs: number;
  connectErrors: number;
  readErrors: number;
  writeErrors: number;
  non2xx: number;
  timeouts: number;
  p50Us: number;
  p90Us: number;
  p99Us: number;
  maxUs: number;
}

function scriptArgs(requests: WrkRequests): string[] {
  switch (requests.mode) {
    case 'post-file':
      return [requests.mode, requests.file, ...(requests.authorization ? [requests.authorization] : [])];
    case 'post-template':
      return [requests.mode, requests.file, String(requests.firstId)];
    case 'get-file':
      return [requests.mode, requests.file, ...(requests.authorization ? [requests.authorization] : [])];
  }
}

const ms = (us: number) => Math.round(us / 100) / 10;

/** One wrk run; rejects when wrk fails or prints no result. */
export function runWrk(options: WrkOptions): Promise<WrkResult> {
  const args = [
    `-t${options.threads}`,
    `-c${options.connections}`,
    `-d${options.seconds}s`,
    `--timeout`,
    `${options.timeoutSeconds ?? 10}s`,
    '-s',
    SCRIPT,
    options.url,
    '--',
    ...scriptArgs(options.requests),
  ];
  return new Promise((resolve, reject) => {
    execFile(WRK_BIN, args, { maxBuffer: 1 << 20 }, (error, stdout, stderr) => {
      const line = /^WRK_RESULT (.+)$/m.exec(stdout)?.[1];
      if (error || !line) {
        reject(new Error(`wrk failed: ${error?.message ?? 'no result line'}\n${stdout}\n${stderr}`));
        return;
      }
      const raw = JSON.parse(line) as RawResult;
      const seconds = raw.durationUs / 1e6;
      resolve({
        requests: raw.requests,
        non2xx: raw.non2xx,
        socketErrors: raw.connectErrors + raw.readErrors + raw.writeErrors + raw.timeouts,
        seconds: Math.round(seconds * 100) / 100,
        requestsPerSecond: Math.round(raw.requests / seconds),
        p50Ms: ms(raw.p50Us),
        p90Ms: ms(raw.p90Us),
        p99Ms: ms(raw.p99Us),
        maxMs: ms(raw.maxUs),
        command: `wrk ${args.map((a) => (a === SCRIPT ? 'bench/wrk/requests.lua' : a)).join(' ')}`,
      });
    });
  });
}
