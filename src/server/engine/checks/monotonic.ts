import { performance } from 'node:perf_hooks';

/** Milliseconds on the monotonic clock: what probe latencies are measured on (wall-clock jumps do not count). */
export const monotonicNow = (): number => performance.now();
