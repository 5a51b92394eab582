/** CPU time and resident memory of the processes under test, read from /proc. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

/** Resident memory of a process in MiB (VmRSS), or NaN when it is gone. */
export function rssMiB(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1]);
    return kib / 1024;
  } catch {
    return Number.NaN;
  }
}

/** CPU time (user + system, all threads) a process has used so far, in seconds. */
export function cpuSeconds(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which is in parentheses): utime is the 12th, stime the 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return Number.NaN;
  }
}
const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** The child processes of `pid` (a cluster primary's workers), empty when it has none. */
export function childPids(pid: number): number[] {
  try {
    return fs
      .readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

/**
 * Samples the RSS of each of `pids` every 200 ms; `stop()` returns the highest peak of any one
 * of them in MiB (the memory of one worker, not their sum).
 */
export function sampleRss(pids: number | readonly number[]): { stop(): number } {
  const list = typeof pids === 'number' ? [pids] : pids;
  let peak = 0;
  const sample = () => {
    for (const pid of list) {
      const now = rssMiB(pid);
      if (now > peak) peak = now;
    }
  };
  sample();
  const timer = setInterval(sample, 200);
  return {
    stop: () => {
      clearInterval(timer);
      sample();
      return Math.round(peak);
    },
  };
}
